"""`interviewprep kata ...`: list, start, next, check, watch, hint, give-up, solution,
reset, dev-check.

Each command makes one call into the app layer (App.katas) and prints what it returns.
numpy and the grader are imported inside the commands so that `--help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from interviewprep.cli.common import console, open_app, print_json
from interviewprep.errors import UserError

if TYPE_CHECKING:
    pass

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


@kata_app.command("list")
def list_katas(
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List every kata in teaching order with its status, best time and next practice.

    Example: interviewprep kata list
    """
    statuses = open_app(with_cards=False).katas.statuses()
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
    from interviewprep.cli.kata_ui import print_file

    started = open_app(with_cards=False).katas.start(name, track)
    note = "" if started.created else " (already started, left as it was)"
    print_file(console(), started.file, note)


@kata_app.command("next")
def next_kata(
    track: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--track", help="Only katas due on this track (numpy or torch)."),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With nothing due, start the next new kata.")
    ] = False,
) -> None:
    """Practise the most at-risk due kata again from a blank file (timed); with nothing
    due, offer the next new kata.

    Example: interviewprep kata next --track torch
    """
    import sys

    from interviewprep.cli.kata_ui import print_started

    katas, out = open_app(with_cards=False).katas, console()
    result = katas.next(track, start_new=yes)
    if result.file is None and result.new is not None:
        print_started(out, result)
        if not (sys.stdin.isatty() and typer.confirm("Start it now?", default=True)):
            out.print(f"Start it with: interviewprep kata next --yes   (or: interviewprep "
                      f"kata start {result.new.name})", markup=False)  # fmt: skip
            return
        result = katas.next(track, start_new=True)
    print_started(out, result)


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
    """Grade your solution: exit 0 all cases passed, 1 some failed, 2 could not run. A
    pass ends the kata's round, rated, and says when to practise it next.

    Example: interviewprep kata check softmax --json
    """
    from interviewprep.cli.kata_ui import checked_view

    katas = open_app(with_cards=False).katas
    target = katas.resolve(name, track, file)
    katas.existing_file(target, given=file is not None)
    try:
        checked = katas.check(target, timeout)
    except KeyboardInterrupt:  # the grader has stopped every process of the run by now
        console().print("stopped: your code was stopped too, and nothing was recorded.")
        raise typer.Exit(130) from None
    if as_json:
        typer.echo(json.dumps(checked.to_json(), ensure_ascii=False))
    else:
        console().print(checked_view(checked))
    raise typer.Exit(checked.report.exit_code)


@kata_app.command()
def watch(name: NameArg, track: TrackOption = None, timeout: TimeoutOption = 10.0) -> None:
    """Re-grade on every save of your file until it passes (Ctrl-C stops).

    Example: interviewprep kata watch layer-norm
    """
    from interviewprep.cli.kata_ui import watch_view

    katas = open_app(with_cards=False).katas
    target = katas.resolve(name, track)
    katas.existing_file(target, given=False)
    out = console()
    try:
        katas.watch(target, timeout, lambda checked: out.print(watch_view(checked, target.path)))
    except KeyboardInterrupt:
        out.print("stopped watching.")
        raise typer.Exit(130) from None
    out.print(f"Passed. See the reference: interviewprep kata solution {target.kata.name}",
              markup=False)  # fmt: skip


@kata_app.command()
def hint(name: NameArg, track: TrackOption = None) -> None:
    """Show the next hint (each call reveals one more).

    Example: interviewprep kata hint top-p
    """
    from rich.markdown import Markdown

    shown = open_app(with_cards=False).katas.hint(name, track)
    out = console()
    out.print(f"Hint {shown.number} of {shown.total} for {shown.kata}:", style="bold",
              markup=False)  # fmt: skip
    out.print(Markdown(shown.text))
    if shown.number == shown.total:
        out.print(
            f"That was the last hint. `interviewprep kata solution {shown.kata} --force` "
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

    from interviewprep.cli.kata_ui import round_line

    shown = open_app(with_cards=False).katas.solution(name, track, force=force)
    out = console()
    out.print(f"Reference solution ({shown.track} track): {shown.path}", markup=False,
              soft_wrap=True)  # fmt: skip
    out.print(Syntax(shown.source, "python", theme="ansi_dark"))
    for closed in shown.closed:
        out.print(f"Your open round on the {closed.track} track ends here (you have seen "
                  "the reference).", markup=False)  # fmt: skip
        out.print(round_line(closed))


@kata_app.command("give-up")
def give_up(name: NameArg, track: TrackOption = None) -> None:
    """End the kata's open round as Again: it comes back soon, from a blank file.

    Example: interviewprep kata give-up attention
    """
    from interviewprep.cli.kata_ui import round_line

    closed = open_app(with_cards=False).katas.give_up(name, track)
    out = console()
    out.print(f"Gave up {closed.kata} ({closed.track}).", markup=False)
    out.print(round_line(closed))
    out.print(f"See the reference: interviewprep kata solution {closed.kata} --force",
              markup=False)  # fmt: skip


@kata_app.command()
def reset(name: NameArg, track: TrackOption = None) -> None:
    """Put the starter back in your workspace (your file is kept as a backup).

    Example: interviewprep kata reset softmax
    """
    done = open_app(with_cards=False).katas.reset(name, track)
    out = console()
    out.print(f"Reset {done.file.path} to the starter.", markup=False, soft_wrap=True)
    if done.backup:
        out.print(f"Your previous file is kept as {done.backup}", markup=False, soft_wrap=True)


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
    from functools import partial

    from interviewprep.cli.kata_ui import print_finding
    from interviewprep.katas.catalog import find_kata, load_catalog
    from interviewprep.katas.devcheck import check_kata, default_fixtures
    from interviewprep.paths import exercises_dir

    katas = [find_kata(name)] if name else load_catalog()
    folder = fixtures or default_fixtures(exercises_dir())
    if fixtures is not None and not fixtures.is_dir():
        raise UserError(f"no folder {fixtures}", hint="pass the folder of the wrong solutions")
    out = console()
    show = partial(print_finding, out)
    failed = sum(not f.passed for kata in katas for f in check_kata(kata, folder, on_finding=show))
    out.print(f"{failed} problem(s)" if failed else "every check passed", style="bold")
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    app.add_typer(kata_app, name="kata")
