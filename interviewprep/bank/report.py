"""Plain-data summaries of a library: counts, card listings, id suggestions."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from interviewprep.bank.library import Library
from interviewprep.bank.model import BEYOND_PREFIX, Card, CardType


@dataclass(frozen=True)
class DeckSummary:
    deck: str
    title: str
    description: str | None
    cards: int
    types: dict[str, int]  # every card type, 0 when the deck has none


@dataclass(frozen=True)
class SectionCount:
    section: str
    cards: int


def count_by_deck(library: Library) -> list[DeckSummary]:
    rows = []
    for deck in library.decks:
        types = Counter(c.type.value for c in deck.cards)
        counts = {t.value: types.get(t.value, 0) for t in CardType}
        about = " ".join((deck.description or "").split()) or None
        rows.append(DeckSummary(deck.id, deck.title, about, len(deck.cards), counts))
    return rows


def count_by_section(library: Library) -> list[SectionCount]:
    """Guide sections in name order, beyond-the-guide topics after them."""
    counts = Counter(c.source for c in library.cards.values())
    ordered = sorted(counts.items(), key=lambda kv: (kv[0].startswith(BEYOND_PREFIX), kv[0]))
    return [SectionCount(name, n) for name, n in ordered]


def card_details(card: Card) -> dict[str, Any]:
    """Every field of a card as JSON values (what `show --json` prints)."""
    data = asdict(card)
    data.update(type=card.type.value, difficulty=card.difficulty.value, file=str(card.file))
    return data


def card_summary(card: Card) -> dict[str, Any]:
    # `_value_`, not `value`: an enum's `value` is a Python-level property, two calls
    # per card that were a third of `cards --json`'s summaries at 100,000 cards.
    return {
        "id": card.id,
        "type": card.type._value_,
        "deck": card.deck,
        "source": card.source,
        "tags": list(card.tags),
        "difficulty": card.difficulty._value_,
        "prompt": card.prompt,
        "kata": card.kata,
        "refs": list(card.refs),
        "file": str(card.file),
        "line": card.line,
    }
