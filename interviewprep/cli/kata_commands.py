"""`interviewprep kata ...`: list, start, check, watch, hint, solution, reset.

Each command resolves the kata and track, calls one function of interviewprep.katas,
records progress in the store and prints. numpy and the grader are imported inside the
commands so that `interviewprep --help` stays fast.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from interviewprep.cli.common import console, open_app, print_json
from interviewprep.config import load_config
from interviewprep.errors import UserError

if TYPE_CHECKING:
    from interviewprep.katas.catalog import Kata
    from interviewprep.katas.grader import GradeReport

kata_app = typer.Typer(
    help="Coding katas (attention, normalisation, sampling) with an auto-grader.",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="The kata, as `kata list` names it.")]
TrackOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--track", help="numpy or torch; default: the track you last worked on, else numpy."
    ),
]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _resolve(name: str, track: str | None) -> tuple[Kata, str, Path]:
    """The kata, the track and the workspace folder."""
    from interviewprep.katas.catalog import check_track, find_kata
    from interviewprep.katas.workspace import started_tracks

    kata = find_kata(name)
    workspace = load_config().kata_workspace
    if track is not None:
        return kata, check_track(track), workspace
    started = started_tracks(workspace, kata)
    return kata, (started[0] if started else "numpy"), workspace


@kata_app.command("list")
def list_katas(
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List every kata in teaching order with its status and best time.

    Example: interviewprep kata list
    """
    statuses = open_app(with_cards=False).kata_statuses()
    if as_json:
        print_json(statuses)
        return
    from interviewprep.cli.kata_ui import kata_table

    out = console()
    out.print(kata_table(statuses, out.width))


@kata_app.command()
def start(name: NameArg, track: TrackOption = None) -> None:
    """Copy the starter into your kata workspace and show the statement.

    Example: interviewprep kata start attention --track torch
    """
    from rich.markdown import Markdown

    from interviewprep.katas.workspace import start_kata
    from interviewprep.store import open_store
    from interviewprep.store.katas import mark_started

    kata, track, workspace = _resolve(name, track)
    path, created = start_kata(workspace, kata, track)
    with open_store() as store:
        mark_started(store, kata.name, track, _now())
    out = console()
    out.print(Markdown(kata.statement()))
    out.print()
    verb = "Your file" if created else "Your file (already started, left as it was)"
    out.print(f"{verb}: {path}", markup=False, soft_wrap=True)
    out.print(
        f"Edit it, then run: interviewprep kata check {kata.name}"
        + (" --track torch" if track == "torch" else "")
        + f"   (or: interviewprep kata watch {kata.name})",
        markup=False,
        soft_wrap=True,
    )


def _grade_and_record(kata: Kata, path: Path, track: str, timeout: float) -> GradeReport:
    from interviewprep.katas.grader import grade
    from interviewprep.store import open_store
    from interviewprep.store.katas import Attempt, record_attempt

    report = grade(kata, path, track, timeout_s=timeout)
    if report.reference_copy:  # a shipped reference is graded, but it is not their work
        return report
    attempt = Attempt(
        kata=kata.name, track=track, checked_at=_now(), status=report.status.value,
        cases_passed=report.cases_passed, cases_total=len(report.cases),
        duration_ms=round(report.duration_s * 1000),
    )  # fmt: skip
    with open_store() as store:
        record_attempt(store, attempt)
    return report


def _user_file(kata: Kata, track: str, workspace: Path, file: Path | None) -> Path:
    from interviewprep.katas.workspace import workspace_file

    path = file or workspace_file(workspace, kata, track)
    if not path.is_file():
        if file is not None:
            raise UserError(f"no file {path}")
        raise UserError(
            f"you have not started '{kata.name}' on the {track} track ({path} does not exist)",
            hint=f"run `interviewprep kata start {kata.name} --track {track}`",
        )
    return path


def _track_of_file(file: Path | None, track: str | None) -> str | None:
    from interviewprep.katas.catalog import TRACKS

    if track is None and file is not None:
        for candidate in TRACKS:
            if file.name.endswith(f"_{candidate}.py"):
                return candidate
    return track


TimeoutOption = Annotated[
    float,
    # The bounds of katas.runner.check_timeout (not imported here: start-up stays fast).
    typer.Option(
        "--timeout", min=0.5, max=3600.0, help="Seconds your code may run before it is stopped."
    ),
]


@kata_app.command()
def check(
    name: NameArg,
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--file", help="Grade this file instead of the one in your workspace."),
    ] = None,
    track: TrackOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Grade your solution: exit 0 all cases passed, 1 some failed, 2 could not run.

    Example: interviewprep kata check softmax --json
    """
    from interviewprep.cli.kata_ui import grade_view

    kata, track, workspace = _resolve(name, _track_of_file(file, track))
    path = _user_file(kata, track, workspace, file)
    try:
        report = _grade_and_record(kata, path, track, timeout)
    except KeyboardInterrupt:  # the grader has stopped every process of the run by now
        console().print("stopped: your code was stopped too, and nothing was recorded.")
        raise typer.Exit(130) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        console().print(grade_view(report))
    raise typer.Exit(report.exit_code)


@kata_app.command()
def watch(name: NameArg, track: TrackOption = None, timeout: TimeoutOption = 10.0) -> None:
    """Re-grade on every save of your file until it passes (Ctrl-C stops).

    Example: interviewprep kata watch layer-norm
    """
    import time

    from interviewprep.cli.kata_ui import grade_view
    from interviewprep.katas.watch import file_mtime, watch_until_passed

    kata, track, workspace = _resolve(name, track)
    path = _user_file(kata, track, workspace, None)
    out = console()

    def check_once() -> bool:
        report = _grade_and_record(kata, path, track, timeout)
        out.rule(f"{kata.name} · {datetime.now().strftime('%H:%M:%S')}")
        out.print(grade_view(report))
        if not report.passed:
            out.print(f"Watching {path} — save it to check again; Ctrl-C stops.", markup=False)
        return report.passed

    try:
        watch_until_passed(check_once, lambda: file_mtime(path), time.sleep)
    except KeyboardInterrupt:
        out.print("stopped watching.")
        raise typer.Exit(130) from None
    out.print(f"Passed. See the reference: interviewprep kata solution {kata.name}", markup=False)


@kata_app.command()
def hint(name: NameArg, track: TrackOption = None) -> None:
    """Show the next hint (each call reveals one more).

    Example: interviewprep kata hint top-p
    """
    from rich.markdown import Markdown

    from interviewprep.store import open_store
    from interviewprep.store.katas import next_hint

    kata, track, _ = _resolve(name, track)
    hints = kata.hints()
    with open_store() as store:
        shown = next_hint(store, kata.name, track, _now(), len(hints))
    out = console()
    out.print(f"Hint {shown} of {len(hints)} for {kata.name}:", style="bold", markup=False)
    out.print(Markdown(hints[shown - 1]))
    if shown == len(hints):
        out.print(
            f"That was the last hint. `interviewprep kata solution {kata.name} --force` "
            "shows the reference.",
            markup=False,
        )


@kata_app.command()
def solution(
    name: NameArg,
    track: TrackOption = None,
    force: Annotated[bool, typer.Option("--force", help="Show it before you pass.")] = False,
) -> None:
    """Show the reference solution: after you pass the kata, or with --force.

    Example: interviewprep kata solution attention --force
    """
    from rich.syntax import Syntax

    from interviewprep.store import open_store
    from interviewprep.store.katas import load_progress

    kata, track, _ = _resolve(name, track)
    with open_store() as store:
        progress = load_progress(store)
    passed = any(p.passed_at for (k, _), p in progress.items() if k == kata.name)
    if not (passed or force):
        raise UserError(
            f"you have not passed '{kata.name}' yet",
            hint=f"try `interviewprep kata hint {kata.name}`, or add --force to see it anyway",
        )
    path = kata.solution(track)
    out = console()
    out.print(f"Reference solution ({track} track): {path}", markup=False, soft_wrap=True)
    out.print(Syntax(path.read_text(encoding="utf-8"), "python", theme="ansi_dark"))


@kata_app.command()
def reset(name: NameArg, track: TrackOption = None) -> None:
    """Put the starter back in your workspace (your file is kept as a backup).

    Example: interviewprep kata reset softmax
    """
    from interviewprep.katas.workspace import reset_kata
    from interviewprep.store import open_store
    from interviewprep.store.katas import mark_started, reset_hints

    kata, track, workspace = _resolve(name, track)
    path, backup = reset_kata(workspace, kata, track, _now())
    with open_store() as store:
        mark_started(store, kata.name, track, _now())
        reset_hints(store, kata.name, track)
    out = console()
    out.print(f"Reset {path} to the starter.", markup=False, soft_wrap=True)
    if backup:
        out.print(f"Your previous file is kept as {backup}", markup=False, soft_wrap=True)


@kata_app.command("dev-check")
def dev_check(
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="One kata; every kata when left out."),
    ] = None,
    fixtures: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--fixtures", help="Wrong-solution fixtures (default: tests/kata_fixtures)."),
    ] = None,
) -> None:
    """For kata authors: starters, references, torch oracle, mistakes, fixtures, examples.

    Example: interviewprep kata dev-check softmax
    """
    from interviewprep.katas.catalog import find_kata, load_catalog
    from interviewprep.katas.devcheck import Finding, check_kata, default_fixtures
    from interviewprep.paths import exercises_dir

    katas = [find_kata(name)] if name else load_catalog()
    folder = fixtures or default_fixtures(exercises_dir())
    if fixtures is not None and not fixtures.is_dir():
        raise UserError(f"no folder {fixtures}", hint="pass the folder of the wrong solutions")
    out = console()

    def show(f: Finding) -> None:
        mark = "[green]✓[/]" if f.passed else "[bold red]✗[/]"
        where = f" ({f.track})" if f.track else ""
        out.print(f" {mark} {f.kata} · {f.check}{where}: ", end="")
        out.print(f.message, markup=False, soft_wrap=True)

    failed = sum(not f.passed for kata in katas for f in check_kata(kata, folder, on_finding=show))
    out.print(f"{failed} problem(s)" if failed else "every check passed", style="bold")
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    app.add_typer(kata_app, name="kata")
