"""stats and history: progress over time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    console,
    open_app,
    print_json,
)
from interviewprep.errors import UserError

MAX_ANSWERS = 1_000_000
MAX_WORKLOAD_DAYS = 90  # the simulation's time grows with the days; a season is plenty


def _parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--since {text!r} is not a date; write it as YYYY-MM-DD") from None


WorkloadOption = Annotated[
    bool,
    typer.Option(
        "--workload",
        help="Simulate what each retention target, 0.70 to 0.97, would cost in reviews and "
        "minutes a day.",
    ),
]
DaysOption = Annotated[
    int, typer.Option("--days", min=1, max=MAX_WORKLOAD_DAYS, help="Days --workload simulates.")
]


def stats(
    deck: DeckOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Count reviews from this day on (YYYY-MM-DD)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    workload: WorkloadOption = False,
    days: DaysOption = 30,
    bank: BankOption = None,
) -> None:
    """Your progress: today, streaks, activity, forecast, true retention, the interview
    day, mastery, katas; --workload: the cost of each retention target.

    Example: interviewprep stats --deck transformer-architecture
    """
    if workload:
        if since is not None:
            raise UserError("--since counts past reviews; --workload simulates the days ahead",
                            hint="drop --since")  # fmt: skip
        _workload(deck or (), days, as_json, bank)
        return
    figures = open_app(bank).stats(decks=deck or (), since=_parse_day(since))
    if as_json:
        print_json(figures)
        return
    from interviewprep.cli.stats_ui import dashboard

    console().print(dashboard(figures))


def _workload(decks: Sequence[str], days: int, as_json: bool, bank: list[Path] | None) -> None:
    costs = open_app(bank).workload(decks=decks, days=days)
    if as_json:
        print_json(costs)
        return
    from interviewprep.cli.stats_ui import workload_view

    out = console()
    out.print(workload_view(costs, out.width))


def history(
    card: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--card", help="One card's whole history."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=MAX_ANSWERS, help="How many answers.")
    ] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answers as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """The recent review log: card, answer, rating, time taken, interval given.

    Example: interviewprep history --card tfm-attn-why-scale
    """
    app = open_app(bank)
    reviews = app.history(card, limit)
    if as_json:
        print_json(reviews)
    elif not reviews:
        console().print("No answers yet." if card is None else f"{card} has not been answered yet.",
                        markup=False)  # fmt: skip
    else:
        from interviewprep.cli.stats_ui import history_table

        out = console()
        out.print(history_table(reviews, app.library.cards, out.width))


def register(app: typer.Typer) -> None:
    for command in (stats, history):
        app.command()(command)
