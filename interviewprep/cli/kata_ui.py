"""Rich renderables for grade reports and the kata list; the commands print them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from interviewprep.cli.tables import Column, fitted_table
from interviewprep.katas.grader import CaseResult, GradeReport, GradeStatus, run_headline
from interviewprep.katas.runner import RunResult, RunStatus
from interviewprep.katas.status import KataStatus

if TYPE_CHECKING:
    from interviewprep.app.katas import Checked, KataFile, NextKata, RoundResult
    from interviewprep.katas.devcheck import Finding

PASS_MARK = "✓"
FAIL_MARK = "✗"
MAX_TRACEBACK_LINES = 12
MAX_PRINTED_LINES = 10


def _case_lines(result: CaseResult) -> list[Text]:
    if result.passed:
        return [Text.assemble((f" {PASS_MARK} ", "green"), result.name)]
    lines = [
        Text.assemble((f" {FAIL_MARK} ", "bold red"), (result.name, "bold"), " — ", result.message)
    ]
    if result.inputs:
        lines.append(Text(f"     inputs: {result.inputs}", style="dim"))
    # A detail the one-line message already gives (the first differing index) is not repeated.
    lines += [Text(f"     {d}") for d in result.details if d.split("; ")[-1] not in result.message]
    if result.diagnosis:
        lines.append(Text(f"     → {result.diagnosis}", style="yellow"))
    return lines


def grade_view(report: GradeReport) -> RenderableType:
    """Per-case verdicts, the details of each failure, the diagnosis and a summary line."""
    head = Text.assemble(
        (report.kata, "bold"), f" · {report.track} track · ", (str(report.file), "cyan")
    )
    parts: list[RenderableType] = [head]
    parts += [Text(f"Note: {note}", style="bold magenta") for note in report.notes]
    if report.status is GradeStatus.ERROR:
        assert report.run is not None
        parts.append(run_error_view(report))
        ran = [c for c in report.cases if not c.message.startswith("raised ")]
        if not ran:  # nothing ran (a syntax error, the starter): the panel says it all
            return Group(*parts)
    for result in report.cases:
        parts += _case_lines(result)
    for line in (report.diagnosis or "").splitlines():
        parts.append(Text.assemble(("Diagnosis: ", "bold yellow"), line))
    if report.reproduction:
        parts.append(Text(report.reproduction, style="cyan"))
    parts.append(_summary_line(report))
    # An error panel above already ends with what the code printed.
    if report.status is not GradeStatus.ERROR and report.run and report.run.printed.strip():
        parts.append(_printed(report.run))
    return Group(*parts)


VERDICTS = {GradeStatus.PASSED: "all passed", GradeStatus.FAILED: "failing",
            GradeStatus.ERROR: "could not run on every case"}  # fmt: skip


def _summary_line(report: GradeReport) -> Text:
    style = "bold green" if report.passed else "bold red"
    counted = f"{report.cases_passed}/{len(report.cases)} cases passed"
    return Text.assemble(
        (f"{counted} — {VERDICTS[report.status]}", style), f" ({report.duration_s:.2f} s)"
    )


def checked_view(checked: Checked) -> RenderableType:
    """The report of a check and, after a pass, the rating of the round it closed."""
    report = checked.report
    parts: list[RenderableType] = [grade_view(report)]
    if checked.round is not None:
        parts.append(round_line(checked.round))
    elif report.passed and not report.reference_copy:
        parts.append(Text(
            "Not rated: no round of this kata was open (`interviewprep kata next` starts "
            "the next one when it is due; `kata reset` one from blank now).", style="dim",
        ))  # fmt: skip
    return Group(*parts)


def round_line(result: RoundResult) -> Text:
    """ "Rated Good: next practice in 6 days, on 2026-12-12"."""
    days = result.days_until_due
    when = "later today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
    return Text.assemble(
        ("Rated ", "bold"), (result.rating.label, "bold " + RATING_STYLES[result.rating]),
        f": next practice {when}, on {result.due.astimezone():%Y-%m-%d}",
    )  # fmt: skip


RATING_STYLES = {1: "red", 2: "yellow", 3: "green", 4: "cyan"}


def watch_view(checked: Checked, path: Path) -> RenderableType:
    """One check of `kata watch`: a rule with the time, the report, what to do next."""
    from datetime import datetime

    report = checked.report
    parts: list[RenderableType] = [
        Rule(f"{report.kata} · {datetime.now():%H:%M:%S}"),
        checked_view(checked),
    ]
    if not report.passed:
        parts.append(Text(f"Watching {path} — save it to check again; Ctrl-C stops."))
    return Group(*parts)


def print_file(out: Console, file: KataFile, note: str = "") -> None:
    """The statement, the person's file and the commands that check it."""
    from rich.markdown import Markdown

    kata, track = file.kata, file.track
    out.print(Markdown(kata.statement()))
    out.print()
    out.print(f"Your file{note}: {file.path}", markup=False, soft_wrap=True)
    out.print(
        f"Edit it, then run: interviewprep kata check {kata.name}"
        + (" --track torch" if track == "torch" else "")
        + f"   (or: interviewprep kata watch {kata.name})",
        markup=False,
        soft_wrap=True,
    )


def print_started(out: Console, result: NextKata) -> None:
    """What `kata next` did: the due kata started again, the new one, or nothing."""
    if result.file is None:
        if result.new is None:
            out.print("No kata is due, and every kata is started: nothing new to begin.")
        else:
            out.print(f"No kata is due. The next new kata is {result.new.name} "
                      f"({result.new.summary}).", markup=False)  # fmt: skip
        return
    if result.due is not None:
        due = result.due
        out.print(Text.assemble(
            ("Practise again: ", "bold"), (f"{due.kata} ({due.track})", "bold"),
            f", predicted recall now {due.retrievability:.0%}.",
        ))  # fmt: skip
    else:
        out.print(Text.assemble(("New kata: ", "bold"), (result.file.kata.name, "bold")))
    if result.resumed:
        out.print("Its round is already under way: your file is left as it was.")
    if result.history is not None:
        out.print(f"Your previous solution is kept as {result.history}", markup=False,
                  soft_wrap=True)  # fmt: skip
    print_file(out, result.file, " (the blank starter; timed from now)" * (not result.resumed))


def print_finding(console: Console, finding: Finding) -> None:
    """One line of `kata dev-check`, printed as each check finishes."""
    mark = Text("✓", style="green") if finding.passed else Text("✗", style="bold red")
    where = f" ({finding.track})" if finding.track else ""
    console.print(Text.assemble(" ", mark, f" {finding.kata} · {finding.check}{where}: ",
                                finding.message), soft_wrap=True)  # fmt: skip


def _printed(run: RunResult) -> Text:
    lines = run.printed.rstrip().splitlines()[-MAX_PRINTED_LINES:]
    return Text("your code printed (last lines):\n" + "\n".join(lines), style="dim")


def run_error_view(report: GradeReport) -> RenderableType:
    """Why the code could not run, where in the person's file, and what it printed."""
    run = report.run
    assert run is not None
    # The headline goes in the body, not the title: a panel title is cut at the border.
    body: list[RenderableType] = [Text(run_headline(run), style="bold")]
    traceback_end = run.traceback.rstrip().rsplit("\n", 1)[-1].strip()
    # The traceback, shown below, already ends with the message.
    if run.message and run.status is not RunStatus.NOT_IMPLEMENTED and run.message != traceback_end:
        body.append(Text(run.message))
    if run.case:
        body.append(Text(f"while running the case: {run.case}", style="dim"))
    if len(run.call_errors) > 1:
        body.append(Text(f"{len(run.call_errors)} cases raised an error", style="dim"))
    if run.line is not None:
        where = Text.assemble(("line ", "bold"), (str(run.line), "bold"), f" of {report.file.name}")
        if run.source_line:
            where.append(": ")
            where.append(run.source_line, style="cyan")
        body.append(where)
    if run.traceback.strip() and run.status is not RunStatus.NOT_IMPLEMENTED:
        tb = run.traceback.rstrip().splitlines()[-MAX_TRACEBACK_LINES:]
        body.append(Text("\n".join(tb), style="dim"))
    if run.printed.strip():
        body.append(_printed(run))
    return Panel(Group(*body), title="could not run", title_align="left", border_style="red")


KATA_COLUMNS = (
    Column("#", justify="right"),
    Column("kata"),
    Column("function", drop=2),  # the starter file spells out the signature anyway
    Column("guide section", drop=3),
    Column("level"),
    Column("status"),
    Column("best time", drop=1),  # the last to go: what to practise next matters more
    Column("next due"),
)
STATUS_STYLES = {"passed": "green", "failing": "red", "started": "yellow"}


def kata_table(statuses: Sequence[KataStatus], width: int) -> Table:
    cells = [
        (str(s.order), s.name, s.function, s.section, s.difficulty,
         Text(_status_text(s), style=STATUS_STYLES.get(s.status, "dim")),
         format_duration(s.best_seconds), _due_text(s))
        for s in statuses
    ]  # fmt: skip
    return fitted_table("Katas", KATA_COLUMNS, cells, width)


def _status_text(status: KataStatus) -> str:
    return f"{status.status} ({', '.join(status.tracks)})" if status.tracks else status.status


def _due_text(status: KataStatus) -> Text:
    """ "today" (bold) when a track is due by the end of the day, else the local date of
    the soonest practice; the track is named when both are scheduled."""
    soonest = status.next_due
    if soonest is None:
        return Text("—", style="dim")
    when, track = soonest
    both = sum(w is not None for w in status.due.values()) > 1
    suffix = f" {track}" if both else ""
    if status.due_now:
        return Text(f"today{suffix}", style="bold yellow")
    return Text(f"{when.astimezone():%Y-%m-%d}{suffix}")


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"
