"""Commands over the question banks: validate, decks, cards, show."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    TagOption,
    console,
    open_app,
    print_json,
)
from interviewprep.errors import ExitCode
from interviewprep.study.card_states import CardState


def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(help="Bank files or folders to check; none = the shipped banks."),
    ] = None,
) -> None:
    """Check bank files: YAML syntax, fields, types, ids, answers, sources.

    Example: interviewprep validate ~/my-decks
    """
    from interviewprep.cli.render import safe_text

    checked = open_app(with_cards=False).validate(paths or ())
    out = console()
    for problem in checked.problems:
        # A message may quote a field name from the file: keep its escapes off the terminal.
        out.print(safe_text(str(problem)), markup=False, soft_wrap=True)
    out.print(checked.summary, markup=False)
    raise typer.Exit(ExitCode.INVALID if checked.problems else ExitCode.OK)


def decks(
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """List the decks with their cards counted by type and by guide section.

    Example: interviewprep decks
    """
    from interviewprep.cli.tables import deck_descriptions, deck_table, section_table

    overview = open_app(bank).decks()
    if as_json:
        print_json(overview)
        return
    out = console()
    out.print(deck_table(overview.decks))
    out.print(deck_descriptions(overview.decks, out.width))
    out.print(section_table(overview.sections))


def cards(
    deck: DeckOption = None,
    tag: TagOption = None,
    state: Annotated[
        Optional[CardState],  # noqa: UP045
        typer.Option("--state", help="Only cards in this state (reads your progress)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    bank: BankOption = None,
) -> None:
    """List cards, optionally narrowed by deck, tag and state.

    Example: interviewprep cards --deck transformer-architecture --state due --json
    """
    from interviewprep.bank.report import card_summary

    selected = open_app(bank).list_cards(decks=deck or (), tags=tag or (), state=state)
    if as_json:
        print_json([card_summary(c) for c in selected])
    else:
        from interviewprep.cli.tables import card_table

        out = console()
        out.print(card_table(selected, out.width))


def show(
    card_id: Annotated[str, typer.Argument(help="The card's id, as `cards` lists it.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print every field as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """Show one card with its answer, explanation and guide section.

    Example: interviewprep show tfm-attention-scale
    """
    card = open_app(bank).card(card_id)
    if as_json:
        from interviewprep.bank.report import card_details

        print_json(card_details(card))
        return
    from interviewprep.cli.render import card_view

    console().print(card_view(card))


def register(app: typer.Typer) -> None:
    for command in (validate, decks, cards, show):
        app.command()(command)
