"""study, quiz: the daily review and practice outside the schedule."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    TagOption,
    check_known_decks,
    console,
    load_everything,
    open_app,
    open_user_store,
)
from interviewprep.errors import UserError

# Bounds of the numeric options: past them a number is a typo, and `inf` or 1e20
# minutes overflowed the session's timedelta (a traceback).
MAX_MINUTES = 24 * 60.0
MAX_CARDS = 100_000
MAX_QUESTIONS = 100


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def require_terminal(command: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            f"`interviewprep {command}` is interactive and needs a terminal, "
            "but standard input or output is not one",
            hint="run it directly in a terminal; `interviewprep cards` lists cards without one",
        )


def _selected(library, deck, tag, types=None):  # type: ignore[no-untyped-def]
    check_known_decks(library, deck)
    cards = library.select(decks=deck or (), tags=tag or (), types=types or ())
    if not cards:
        raise UserError("no cards match that deck/tag/type", hint="see `interviewprep decks`")
    return cards


def study(
    deck: DeckOption = None,
    tag: TagOption = None,
    new: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--new", min=0, max=MAX_CARDS, help="New cards allowed today (default: config, 20)."
        ),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", min=1, max=MAX_CARDS, help="Answer at most this many cards."),
    ] = None,
    minutes: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--minutes", min=0.1, max=MAX_MINUTES, help="Stop after this many minutes."),
    ] = None,
    bank: BankOption = None,
) -> None:
    """Review what is due today, then new cards (spaced repetition with FSRS).

    Example: interviewprep study --deck transformer-architecture --minutes 10
    """
    require_terminal("study")
    from interviewprep.bank.library import guide_section_order, in_guide_order
    from interviewprep.cli.prompter import TerminalPrompter
    from interviewprep.cli.study_ui import StudyScreen, summary_panel, when
    from interviewprep.store.reviews import next_due
    from interviewprep.study.scheduling import scheduler_for
    from interviewprep.study.session import open_study

    config, library = load_everything(bank)
    cards = in_guide_order(_selected(library, deck, tag), guide_section_order())
    out = console()
    with open_user_store(config) as store:
        session = open_study(
            store,
            cards,
            scheduler=scheduler_for(config),
            clock=utc_now,
            new_per_day=config.new_per_day if new is None else new,
            limit=limit,
            minutes=minutes,
        )
        if session.next_card() is None:
            due = next_due(store, session.cards.keys())
            later = f"The next card is due {when(due, utc_now())}." if due else ""
            out.print(f"Nothing to study now: today's reviews and new cards are done. {later}")
            out.print("More new cards today: interviewprep study --new 10", style="dim")
            return
        summary = StudyScreen(session, TerminalPrompter(), out).run()
        out.print(summary_panel(summary))


def quiz(
    deck: DeckOption = None,
    tag: TagOption = None,
    card_type: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--type", help="Only this card type (repeatable)."),
    ] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, max=MAX_CARDS, help="How many cards.")
    ] = 20,
    schedule: Annotated[
        bool, typer.Option("--schedule", help="Let answers move the FSRS schedule too.")
    ] = False,
    bank: BankOption = None,
) -> None:
    """Practice on random cards outside the schedule; score and misses at the end.

    Example: interviewprep quiz --tag attention --type mcq --count 10
    """
    require_terminal("quiz")
    import random

    from interviewprep.bank import CardType
    from interviewprep.cli.prompter import TerminalPrompter
    from interviewprep.cli.study_ui import StudyScreen, quiz_report
    from interviewprep.study.scheduling import scheduler_for
    from interviewprep.study.session import open_quiz

    known = {t.value for t in CardType}
    for name in card_type or []:
        if name not in known:
            raise UserError(f"no card type '{name}'", hint="types: " + ", ".join(sorted(known)))
    config, library = load_everything(bank)
    cards = _selected(library, deck, tag, card_type)
    out = console()
    with open_user_store(config) as store:
        session = open_quiz(
            store,
            cards,
            scheduler=scheduler_for(config),
            clock=utc_now,
            count=count,
            schedule=schedule,
            rng=random.Random(),
        )
        StudyScreen(session, TerminalPrompter(), out).run()
        out.print(quiz_report(session))


def interview(
    count: Annotated[
        int,
        typer.Option("--count", "-n", min=1, max=MAX_QUESTIONS, help="How many questions."),
    ] = 3,
    minutes: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            "--minutes", min=0.5, max=MAX_MINUTES, help="Time the interview (a timer is shown)."
        ),
    ] = None,
    deck: DeckOption = None,
    tag: TagOption = None,
    history: Annotated[
        bool, typer.Option("--history", help="List past mock interviews and exit.")
    ] = False,
    bank: BankOption = None,
) -> None:
    """A mock interview: open questions, your typed answers, rubric coverage, self-scores.

    Example: interviewprep interview --count 3 --minutes 20
    """
    from interviewprep.cli.interview_ui import history_table, run_interview
    from interviewprep.paths import data_home
    from interviewprep.store import open_store
    from interviewprep.store.interviews import list_interviews

    if history:
        with open_store() as store:
            records = list_interviews(store)
        if not records:
            console().print("No mock interviews yet: try `interviewprep interview`.")
        else:
            console().print(history_table(records))
        return
    require_terminal("interview")
    import random

    from interviewprep.cli.prompter import TerminalPrompter
    from interviewprep.study.interview import MockInterview, pick_questions

    config, library = load_everything(bank)
    questions = pick_questions(_selected(library, deck, tag), count, random.Random())
    if not questions:
        raise UserError("no open interview questions match", hint="drop --deck/--tag")
    with open_user_store(config) as store:
        mock = MockInterview(store, questions, data_home() / "interviews", utc_now, minutes)
        run_interview(mock, TerminalPrompter(), console())


def optimize() -> None:
    """Fit personal FSRS parameters to your review history (needs the torch extra).

    Example: interviewprep optimize
    """
    out = console()
    out.print("Fitting FSRS to your review history…", style="dim")
    done = open_app(with_cards=False).optimize()
    out.print(
        f"{done.fit.reviews} reviews. Log loss of predicted recall: {done.fit.loss_before:.4f} "
        f"with the current parameters, {done.fit.loss_after:.4f} with the fitted ones (lower "
        "fits your memory better)."
    )
    if done.saved:
        out.print("Saved to config.toml; study sessions use them from now on.")
    else:
        out.print("The fit is no better than what you have: parameters left unchanged.")


def register(app: typer.Typer) -> None:
    for command in (study, quiz, interview, optimize):
        app.command()(command)
