"""today: the day's plan, and what plain `interviewprep` shows in a terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    TagOption,
    console,
    open_app,
    print_json,
)


def today(
    deck: DeckOption = None,
    tag: TagOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """The day's plan: reviews and their minutes, new cards, katas due, an interview
    question, the interview date; in a terminal, then each part in turn with one key.

    Example: interviewprep today
    """
    app = open_app(bank)
    plan = app.today(deck or (), tag or ())
    if as_json:
        print_json(plan)
        return
    from interviewprep.cli.today_ui import DayWalk, plan_panel

    out = console()
    out.print(plan_panel(plan))
    if sys.stdin.isatty() and sys.stdout.isatty():
        from interviewprep.cli.prompter import TerminalPrompter

        DayWalk(app, plan, TerminalPrompter(), out, deck or (), tag or ()).run()


def register(app: typer.Typer) -> None:
    app.command()(today)
