"""study, quiz: the daily review and practice outside the schedule."""

from __future__ import annotations

import sys
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
from interviewprep.errors import UserError
from interviewprep.study.rating import rating_label

# Bounds of the numeric options: past them a number is a typo, and `inf` or 1e20
# minutes overflowed the session's timedelta (a traceback).
MAX_MINUTES = 24 * 60.0
MAX_CARDS = 100_000
MAX_QUESTIONS = 100


def require_terminal(command: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            f"`interviewprep {command}` is interactive and needs a terminal, "
            "but standard input or output is not one",
            hint="run it directly in a terminal; `interviewprep cards` lists cards without one",
        )


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
    from interviewprep.cli.prompter import TerminalPrompter
    from interviewprep.cli.study_ui import (
        StudyScreen,
        deferred_note,
        nothing_to_study,
        summary_panel,
    )

    out = console()
    app = open_app(bank)
    with app.study(deck or (), tag or (), new=new, limit=limit, minutes=minutes) as session:
        if session.plan.deferred:
            out.print(deferred_note(session.plan.deferred), style="yellow")
        if session.next_card() is None:
            out.print(nothing_to_study(session.summary().next_due, app.clock()))
            out.print("More new cards today: interviewprep study --new 10", style="dim")
            return
        summary = StudyScreen(session, TerminalPrompter(), out).run()
    out.print(summary_panel(summary, app.clock()))


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
    from interviewprep.cli.prompter import TerminalPrompter
    from interviewprep.cli.study_ui import StudyScreen, quiz_report

    out = console()
    with open_app(bank).quiz(deck or (), tag or (), card_type or (), count=count,
                             schedule=schedule) as session:  # fmt: skip
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
    as_json: Annotated[
        bool, typer.Option("--json", help="With --history: print the list as JSON.")
    ] = False,
    bank: BankOption = None,
) -> None:
    """A mock interview: open questions, your typed answers, rubric coverage, self-scores.

    Example: interviewprep interview --count 3 --minutes 20
    """
    from interviewprep.cli.interview_ui import history_table, run_interview

    if history:
        records = open_app(with_cards=False).interviews()
        if as_json:
            print_json(records)
        elif not records:
            console().print("No mock interviews yet: try `interviewprep interview`.")
        else:
            console().print(history_table(records))
        return
    require_terminal("interview")
    from interviewprep.cli.prompter import TerminalPrompter

    with open_app(bank).interview(deck or (), tag or (), count=count, minutes=minutes) as mock:
        run_interview(mock, TerminalPrompter(), console())


def undo(
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer undone.")] = False,
) -> None:
    """Take back your newest answer, after its session has ended: the card is as it was.

    Example: interviewprep undo
    """
    undone = open_app(with_cards=False).undo()
    if as_json:
        print_json(undone)
        return
    when = f"{undone.reviewed_at.astimezone():%Y-%m-%d %H:%M}"
    console().print(
        f"Undid the answer to {undone.card_id} given {when} (rated "
        f"{rating_label(undone.rating)}); the card is as it was before it.",
        markup=False,
    )


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
    for command in (study, quiz, interview, undo, optimize):
        app.command()(command)
