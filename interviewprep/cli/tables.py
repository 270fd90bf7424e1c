"""Rich tables for listings, fitted to the terminal's width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.table import Table
from rich.text import Text

from interviewprep.bank import Card, CardType
from interviewprep.bank.report import DeckSummary, SectionCount
from interviewprep.cli.render import plain


@dataclass(frozen=True)
class Column:
    """One column of a fitted table.

    drop: 0 is always shown; otherwise the column is left out when the table does not
    fit, highest drop first. shrink: prose that may be cut with an ellipsis down to
    SHRUNK_WIDTH; every other column is shown whole or not at all (an id or a name cut
    short is no use to someone who must type it).
    """

    name: str
    drop: int = 0
    shrink: bool = False
    justify: str = "left"


SHRUNK_WIDTH = 16
COLUMN_GAP = 3  # a padding space each side of the separator column


def fitted_table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str | Text]], width: int
) -> Table:
    """A table of `rows` (one cell per column) with the columns that fit `width`."""

    def need(column: Column, i: int) -> int:
        natural = max([len(column.name)] + [len(str(row[i])) for row in rows])
        return min(natural, SHRUNK_WIDTH) if column.shrink else natural

    widths = [need(column, i) for i, column in enumerate(columns)]
    shown = list(range(len(columns)))
    for i in sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop):
        if sum(widths[j] + COLUMN_GAP for j in shown) <= width:
            break
        shown.remove(i)
    # Rich shares out the width by itself, squeezing short columns to nothing beside a
    # long prompt: the whole columns are pinned to their width, prose gets the rest.
    spare = width - sum(widths[j] + COLUMN_GAP for j in shown if not columns[j].shrink)
    prose = [j for j in shown if columns[j].shrink]
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for i in shown:
        column = columns[i]
        if column.shrink:
            limit = max(SHRUNK_WIDTH, spare // len(prose) - COLUMN_GAP)
            table.add_column(column.name, no_wrap=True, overflow="ellipsis", max_width=limit)
        else:
            table.add_column(
                column.name,
                justify=column.justify,  # type: ignore[arg-type]
                no_wrap=True,
                min_width=widths[i],
            )
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table


SHORT_HEADINGS = {CardType.FLASHCARD: "flash", CardType.NUMERIC: "num"}


def deck_table(rows: Sequence[DeckSummary]) -> Table:
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
            plain(row.deck), str(row.cards), *(str(row.types[t.value] or "·") for t in CardType)
        )
    table.add_row(
        "total",
        str(sum(r.cards for r in rows)),
        *(str(sum(r.types[t.value] for r in rows)) for t in CardType),
        style="bold",
    )
    return table


ABOUT_COLUMNS = (Column("deck"), Column("what it covers", shrink=True))


def deck_descriptions(rows: Sequence[DeckSummary], width: int) -> Table:
    """Each deck's description (or title), one line each, cut to the terminal."""
    lines = [(plain(r.deck), plain(r.description or r.title)) for r in rows]
    return fitted_table("What the decks cover", ABOUT_COLUMNS, lines, width)


def section_table(rows: Sequence[SectionCount]) -> Table:
    table = Table(title="Cards by guide section", title_justify="left")
    table.add_column("section")
    table.add_column("cards", justify="right")
    for row in rows:
        table.add_row(plain(row.section), str(row.cards))
    return table


CARD_COLUMNS = (
    Column("id"),
    Column("type", drop=1),
    Column("deck", drop=2),
    Column("prompt", shrink=True),
)


def card_table(cards: Sequence[Card], width: int) -> Table:
    rows = []
    for card in cards:
        first_line = card.prompt.strip().splitlines()[0] if card.prompt.strip() else ""
        rows.append((plain(card.id), card.type.value, plain(card.deck), plain(first_line)))
    return fitted_table(f"{len(cards)} card(s)", CARD_COLUMNS, rows, width)
