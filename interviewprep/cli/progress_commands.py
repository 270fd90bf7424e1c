"""stats and history: progress over time."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Optional

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    check_known_decks,
    console,
    load_everything,
)
from interviewprep.errors import UserError

EARLIEST_DAY = date(2000, 1, 1)  # before any review this tool can have logged
MAX_ANSWERS = 1_000_000


def _parse_day(text: str | None, today: date) -> date | None:
    """The --since day, from 2000-01-01 to tomorrow (a day ahead of UTC somewhere):
    0001-01-01 and 9999-12-31 overflowed the local-time arithmetic of the stats."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--since {text!r} is not a date; write it as YYYY-MM-DD") from None
    latest = today + timedelta(days=1)
    if not EARLIEST_DAY <= day <= latest:
        raise UserError(
            f"--since {text} is out of range: give a day from {EARLIEST_DAY} to {latest}"
        )
    return day


def stats(
    deck: DeckOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Count reviews from this day on (YYYY-MM-DD)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """Your progress: today, streaks, activity, forecast, retention, mastery, katas.

    Example: interviewprep stats --deck transformer-architecture
    """
    from interviewprep.katas.catalog import load_catalog
    from interviewprep.progress.stats import compute_stats
    from interviewprep.store import open_store

    now = datetime.now(timezone.utc)
    since_day = _parse_day(since, now.astimezone().date())
    config, library = load_everything(bank)
    check_known_decks(library, deck)
    cards = library.select(decks=deck or ())
    with open_store() as store:
        figures = compute_stats(
            store,
            cards,
            now,
            desired_retention=config.desired_retention,
            new_per_day=config.new_per_day,
            kata_total=len(load_catalog()),
            deck_filter=bool(deck),
            since=since_day,
        )
    if as_json:
        typer.echo(json.dumps(asdict(figures), indent=2))
        return
    from interviewprep.cli.stats_ui import dashboard

    console().print(dashboard(figures))


def history(
    card: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--card", help="One card's whole history."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=MAX_ANSWERS, help="How many answers.")
    ] = 30,
    bank: BankOption = None,
) -> None:
    """The recent review log: card, answer, rating, time taken, interval given.

    Example: interviewprep history --card tfm-attn-why-scale
    """
    from interviewprep.cli.stats_ui import history_table
    from interviewprep.store import open_store
    from interviewprep.store.reviews import reviews_for

    _, library = load_everything(bank)
    with open_store() as store:
        if card is not None:
            reviews = reviews_for(store, [card])
            if not reviews and library.card(card) is None:
                raise UserError(f"no card with id '{card}'", hint="see `interviewprep cards`")
        else:
            reviews = reviews_for(store, latest=limit)
    if not reviews:
        console().print("No answers yet." if card is None else f"{card} has not been answered yet.",
                        markup=False)  # fmt: skip
        return
    out = console()
    out.print(history_table(reviews, library.cards, out.width))


def register(app: typer.Typer) -> None:
    for command in (stats, history):
        app.command()(command)
