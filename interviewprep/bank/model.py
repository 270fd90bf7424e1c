"""The card model: what a loaded, validated card is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

BANK_FORMAT = 1
# A cloze card's blanks: {{answer}} in its prompt. Here, not in validate.py, so that
# showing a card does not import the validator and PyYAML with it.
BLANK_PATTERN = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
BEYOND_PREFIX = "Beyond the guide:"


class CardType(str, Enum):
    FLASHCARD = "flashcard"
    MCQ = "mcq"
    MULTI = "multi"
    CLOZE = "cloze"
    NUMERIC = "numeric"
    SHORT = "short"
    OPEN = "open"


class Difficulty(str, Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


@dataclass(frozen=True)
class RubricPoint:
    point: str
    keywords: tuple[str, ...]


# Slots: a card's 24 fields take 200 bytes instead of an 880-byte object and dict
# (65 MB less at 100,000 cards, and fewer page faults to load them).
@dataclass(frozen=True, slots=True)
class Card:
    id: str
    type: CardType
    deck: str
    prompt: str
    explanation: str
    tags: tuple[str, ...]
    difficulty: Difficulty
    source: str
    file: Path
    line: int
    note: str | None = None
    kata: str | None = None  # the kata that practises this card's idea
    refs: tuple[str, ...] = ()  # primary sources, each with its year
    # The answer's shape depends on the type: text for flashcard/mcq/short/open,
    # a number for numeric, None for cloze (its answers are the blanks).
    answer: str | float | None = None
    choices: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # multi: every right choice
    accept: tuple[str, ...] = ()  # short: other accepted answers
    blanks: tuple[tuple[str, ...], ...] = ()  # cloze: accepted texts for each blank
    tolerance: float = 0.0
    tolerance_relative: bool = False  # tolerance is a fraction of the answer
    unit: str | None = None
    rubric: tuple[RubricPoint, ...] = ()


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    description: str | None
    path: Path
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file, as `file:line: card-id: message`."""

    file: Path
    line: int
    card_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return (
            f"{where}: {self.card_id}: {self.message}"
            if self.card_id
            else f"{where}: {self.message}"
        )
