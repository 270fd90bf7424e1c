"""Rich tables for bank listings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.table import Table

from interviewprep.bank import Card, CardType
from interviewprep.cli.render import plain

SHORT_HEADINGS = {CardType.FLASHCARD: "flash", CardType.NUMERIC: "num"}


def deck_table(rows: Sequence[dict[str, Any]]) -> Table:
    # No vertical rules: the deck names then fit whole in an 80-column terminal.
    table = Table(
        title="Decks",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column("deck", no_wrap=True)
    table.add_column("cards", justify="right")
    for t in CardType:
        table.add_column(SHORT_HEADINGS.get(t, t.value), justify="right")
    for row in rows:
        table.add_row(
            plain(row["deck"]),
            str(row["cards"]),
            *(str(row["types"][t.value] or "·") for t in CardType),
        )
    total = sum(r["cards"] for r in rows)
    table.add_row(
        "total",
        str(total),
        *(str(sum(r["types"][t.value] for r in rows)) for t in CardType),
        style="bold",
    )
    return table


def section_table(rows: Sequence[tuple[str, int]]) -> Table:
    table = Table(title="Cards by guide section", title_justify="left")
    table.add_column("section")
    table.add_column("cards", justify="right")
    for section, count in rows:
        table.add_row(plain(section), str(count))
    return table


def card_table(cards: Sequence[Card]) -> Table:
    table = Table(title=f"{len(cards)} card(s)", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("type")
    table.add_column("deck")
    table.add_column("prompt", overflow="ellipsis", no_wrap=True, max_width=60)
    for card in cards:
        first_line = card.prompt.strip().splitlines()[0] if card.prompt.strip() else ""
        table.add_row(plain(card.id), card.type.value, plain(card.deck), plain(first_line))
    return table
