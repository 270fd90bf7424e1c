"""Listings fitted to the terminal: whole ids and names, prose cut, columns left out."""

from __future__ import annotations

import pytest
from rich.console import Console

from interviewprep.bank.library import load_library
from interviewprep.cli.tables import Column, card_table, fitted_table


def render(table: object, width: int) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    return console.export_text()


COLUMNS = (
    Column("id"),
    Column("kind", drop=1),
    Column("place", drop=2),
    Column("text", shrink=True),
)
ROWS = [
    (f"some-rather-long-identifier-{i}", "flashcard", "transformer-architecture", "word " * 40)
    for i in range(5)
]


@pytest.mark.parametrize(
    ("width", "kept", "left_out"),
    [
        (140, ["id", "kind", "place", "text"], []),
        (90, ["id", "kind", "place", "text"], []),
        (70, ["id", "kind", "text"], ["place"]),
        (55, ["id", "text"], ["kind", "place"]),
    ],
)
def test_columns_are_whole_or_left_out(width: int, kept: list[str], left_out: list[str]) -> None:
    text = render(fitted_table("t", COLUMNS, ROWS, width), width)
    header = next(line for line in text.splitlines() if " id " in f" {line} ")
    assert header.split() == kept and not set(left_out) & set(header.split())
    assert max(len(line) for line in text.splitlines()) <= width
    for i in range(5):
        assert f"some-rather-long-identifier-{i}" in text
    if "kind" in kept:
        assert text.count("flashcard") == 5
    if "place" in kept:
        assert text.count("transformer-architecture") == 5
    assert "…" in text  # the prose is what gets cut


@pytest.mark.parametrize("width", [80, 100])
def test_card_list_keeps_ids_whole_and_type_and_deck_where_they_fit(width: int) -> None:
    cards = [c for c in load_library().cards.values() if c.deck == "transformer-architecture"]
    text = render(card_table(cards, width), width)
    rows = [line.split() for line in text.splitlines()]
    listed = {row[0]: row for row in rows if row and row[0] in {c.id for c in cards}}
    assert listed.keys() == {c.id for c in cards}  # every id whole
    assert all(listed[c.id][1] == c.type.value for c in cards)
    # The longest id, type and deck name need 92 columns with the prompt's minimum.
    assert all((listed[c.id][2] == c.deck) == (width >= 100) for c in cards)


def test_wrapped_choices_hang_under_their_letter() -> None:
    from interviewprep.cli.render import prompt_panel

    card = load_library().cards["tfm-attn-why-scale"]
    lines = render(prompt_panel(card), 60).splitlines()
    first = next(i for i, line in enumerate(lines) if "a) " in line)
    text_column = lines[first].index("a) ") + 3
    continuation = lines[first + 1]
    assert "b) " not in continuation  # choice a) wrapped onto a second line
    assert continuation[text_column - 1] == " " and continuation[text_column] != " "
