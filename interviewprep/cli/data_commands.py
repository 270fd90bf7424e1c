"""export, import and doctor: backups and portability of the progress store."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    console,
    error_console,
    open_app,
    print_json,
)
from interviewprep.errors import ExitCode

if TYPE_CHECKING:
    from interviewprep.app.portable import Exported

export_app = typer.Typer(help="Write your progress or the cards to a file.", no_args_is_help=True)
import_app = typer.Typer(help="Restore progress from a file.", no_args_is_help=True)

PathArgument = Annotated[
    Path, typer.Argument(help="The file to write (a new one, or - for standard output).")
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Replace PATH if it exists (never the store, config or backups)."),
]


def _report(done: Exported) -> None:
    # With `-` the file is standard output: this message must not be mixed into it.
    from interviewprep.fsutil import STDOUT

    if str(done.path) == STDOUT:
        error_console().print(f"Wrote {done.what} to standard output", markup=False)
    else:
        console().print(f"Wrote {done.what} to {done.path}", markup=False)


@export_app.command("json")
def export_json(path: PathArgument, force: ForceOption = False) -> None:
    """All progress (card states, review log, katas, interviews, config) as JSON.

    Example: interviewprep export json ~/interviewprep-backup.json
    """
    _report(open_app(with_cards=False).portable.export_json(path, force=force))


@export_app.command("csv")
def export_csv(path: PathArgument, force: ForceOption = False) -> None:
    """The review log as CSV, for spreadsheets.

    Example: interviewprep export csv reviews.csv
    """
    _report(open_app(with_cards=False).portable.export_csv(path, force=force))


@export_app.command("anki")
def export_anki(
    path: PathArgument, deck: DeckOption = None, bank: BankOption = None, force: ForceOption = False
) -> None:
    """The cards as an Anki package (.apkg): one Anki deck per deck.

    Example: interviewprep export anki interviewprep.apkg --deck transformer-architecture
    """
    app = open_app(bank, with_cards=False)  # a refused PATH is said before loading cards
    _report(app.portable.export_anki(path, deck or (), force=force))


@import_app.command("json")
def import_json(
    path: Annotated[Path, typer.Argument(help="A file written by `export json`.", exists=False)],
) -> None:
    """Restore progress from `export json`; the current store is backed up first.

    Example: interviewprep import json ~/interviewprep-backup.json
    """
    done = open_app(with_cards=False).portable.import_json(path)
    counts = done.counts
    console().print(
        f"Imported {counts['review_log']} answers, {counts['card_state']} card states, "
        f"{counts['kata_attempt']} kata checks, {counts['interview_session']} interviews. "
        f"The store as it was is saved at {done.kept}",
        markup=False,
    )


def doctor(
    restore: Annotated[
        Path | None,
        typer.Option(
            "--restore",
            help="Replace the store with this backup (checked first; not while a session runs).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
    bank: BankOption = None,
) -> None:
    """Check the store (integrity, schema version, orphaned rows, answers missing since the
    newest backup) and list backups.

    Example: interviewprep doctor
    """
    from interviewprep.cli.doctor_ui import print_report, restored_message

    if restore is not None:
        app = open_app(with_cards=False)
        done = app.restore(restore)
        console().print(restored_message(restore, app.store_file, done), markup=False)
        return
    report = open_app(bank, with_cards=not as_json).doctor()
    if as_json:
        print_json(asdict(report) | {"exit_code": int(report.exit_code)})
    else:
        print_report(console(), report)
    if report.exit_code is not ExitCode.OK:
        raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
    app.command()(doctor)
