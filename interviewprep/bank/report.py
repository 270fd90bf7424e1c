"""Plain-data summaries of a library: counts, card listings, id suggestions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from interviewprep.bank.library import Library
from interviewprep.bank.model import BEYOND_PREFIX, Card, CardType, Problem


def validation_summary(files: int, library: Library, problems: Sequence[Problem]) -> str:
    if problems:
        bad_files = len({p.file for p in problems})
        return f"{len(problems)} problem(s) in {bad_files} of {files} file(s)"
    decks, cards = len(library.decks), len(library.cards)
    return f"ok: {files} file(s), {decks} deck(s), {cards} card(s), no problems"


def count_by_deck(library: Library) -> list[dict[str, Any]]:
    rows = []
    for deck in library.decks:
        types = Counter(c.type.value for c in deck.cards)
        rows.append(
            {
                "deck": deck.id,
                "title": deck.title,
                "cards": len(deck.cards),
                "types": {t.value: types.get(t.value, 0) for t in CardType},
            }
        )
    return rows


def count_by_section(library: Library) -> list[tuple[str, int]]:
    counts = Counter(c.source for c in library.cards.values())
    return sorted(counts.items(), key=lambda kv: (kv[0].startswith(BEYOND_PREFIX), kv[0]))


def card_summary(card: Card) -> dict[str, Any]:
    return {
        "id": card.id,
        "type": card.type.value,
        "deck": card.deck,
        "source": card.source,
        "tags": list(card.tags),
        "difficulty": card.difficulty.value,
        "prompt": card.prompt,
        "kata": card.kata,
        "refs": list(card.refs),
        "file": str(card.file),
        "line": card.line,
    }


def suggest_ids(wanted: str, ids: Iterable[str], limit: int = 3) -> list[str]:
    from rapidfuzz import process

    matches = process.extract(wanted, list(ids), limit=limit, score_cutoff=60)
    return [m[0] for m in matches]
