"""The mock interview in the terminal."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table

from interviewprep.bank import Card
from interviewprep.cli.prompter import Prompter, QuitSession
from interviewprep.cli.render import markdown, plain, rubric_feedback
from interviewprep.store.interviews import InterviewRecord
from interviewprep.study.grading import Grade
from interviewprep.study.interview import SCORE_MAX, MockInterview


def _clock_text(interview: MockInterview) -> str:
    left = interview.remaining()
    if left is None:
        elapsed = int((interview.clock() - interview.started).total_seconds())
        return f" ⏱ {elapsed // 60}:{elapsed % 60:02d} elapsed"
    seconds = max(0, int(left.total_seconds()))
    return f" ⏱ {seconds // 60}:{seconds % 60:02d} left" + ("  (time is up)" if not seconds else "")


def _feedback(card: Card, grade: Grade) -> Panel:
    body = rubric_feedback(card, grade, "key points")
    return Panel(Group(*body), title="How you did", title_align="left", border_style="blue")


def run_interview(
    interview: MockInterview,
    prompter: Prompter,
    console: Console,
    monotonic: Callable[[], float] = time.monotonic,
) -> None:
    total = len(interview.questions)
    try:
        while (card := interview.next_question()) is not None:
            number = len(interview.answered) + 1
            console.rule(f"Question {number} of {total}", style="dim")
            console.print(Panel(markdown(card.prompt), border_style="cyan"))
            started = monotonic()
            answer = prompter.text(
                "Your answer (Enter to submit):", toolbar=lambda: _clock_text(interview)
            )
            seconds = monotonic() - started
            grade = interview.grade(card, answer)
            console.print(_feedback(card, grade))
            key = prompter.key(f"Score yourself 1-{SCORE_MAX} (5 = interview-ready): ", "12345")
            interview.record(card, answer, int(key), seconds, grade)
    except (QuitSession, KeyboardInterrupt):  # Ctrl-C between prompts, as in study
        console.print("Interview stopped; the answers so far are saved.", style="dim")
    if interview.time_up():
        console.print("Time is up.", style="bold yellow")
    interview.finish()
    mean = interview.mean_score()
    score = f"mean self-score {mean:.1f}/{SCORE_MAX}" if mean is not None else "no answers"
    console.print(
        plain(f"{len(interview.answered)} of {total} questions · {score}", "bold"),
        plain(f"Transcript: {interview.path}"),
    )


def history_table(records: list[InterviewRecord]) -> Table:
    folder = records[0].transcript.parent if records else ""
    table = Table(
        title="Mock interviews", title_justify="left", caption=f"Transcripts are in {folder}"
    )
    for column in ("date", "questions", "mean score", "transcript"):
        table.add_column(column)
    for r in records:
        mean = f"{r.mean_score:.1f}/{SCORE_MAX}" if r.mean_score is not None else "-"
        table.add_row(
            f"{r.started_at.astimezone():%Y-%m-%d %H:%M}", str(r.questions), mean,
            plain(r.transcript.name),
        )  # fmt: skip
    return table
