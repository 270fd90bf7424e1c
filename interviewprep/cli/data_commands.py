"""export, import and doctor: backups and portability of the progress store."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import typer

from interviewprep.cli.common import (
    BankOption,
    DeckOption,
    check_known_decks,
    console,
    error_console,
    load_everything,
    open_app,
    print_json,
)
from interviewprep.errors import ExitCode, UserError

export_app = typer.Typer(help="Write your progress or the cards to a file.", no_args_is_help=True)
import_app = typer.Typer(help="Restore progress from a file.", no_args_is_help=True)

PathArgument = Annotated[
    Path, typer.Argument(help="The file to write (a new one, or - for standard output).")
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Replace PATH if it exists (never the store, config or backups)."),
]


def _now() -> datetime:
    return datetime.now(timezone.utc)


@contextlib.contextmanager
def _export_to(path: Path, force: bool) -> Iterator[Path]:
    """The one way every export writes: never over our own files, atomic, `-` is stdout."""
    from interviewprep.fsutil import output_file
    from interviewprep.paths import config_path, store_path
    from interviewprep.store.backup import backup_folder

    store = store_path()
    ours = [store, *(Path(f"{store}{end}") for end in ("-wal", "-shm", "-journal")), config_path()]
    with output_file(path, force=force, files=ours, folders=[backup_folder(store)]) as tmp:
        yield tmp


def _report(path: Path, what: str) -> None:
    # With `-` the file is standard output: this message must not be mixed into it.
    from interviewprep.fsutil import STDOUT

    if str(path) == STDOUT:
        error_console().print(f"Wrote {what} to standard output", markup=False)
    else:
        console().print(f"Wrote {what} to {path}", markup=False)


@export_app.command("json")
def export_json(path: PathArgument, force: ForceOption = False) -> None:
    """All progress (card states, review log, katas, interviews, config) as JSON.

    Example: interviewprep export json ~/interviewprep-backup.json
    """
    from interviewprep.config import config_to_toml, load_config
    from interviewprep.progress.portable import export_progress, write_json
    from interviewprep.store import open_store

    with _export_to(path, force) as tmp:
        with open_store() as store:
            document = export_progress(store, config_to_toml(load_config()), _now())
        write_json(document, tmp)
    answers, states = len(document["review_log"]), len(document["card_state"])
    _report(path, f"{answers} answers and {states} card states")


@export_app.command("csv")
def export_csv(path: PathArgument, force: ForceOption = False) -> None:
    """The review log as CSV, for spreadsheets.

    Example: interviewprep export csv reviews.csv
    """
    from interviewprep.progress.portable import export_csv as write_csv
    from interviewprep.store import open_store

    with _export_to(path, force) as tmp, open_store() as store:
        count = write_csv(store, tmp)
    _report(path, f"{count} answers")


@export_app.command("anki")
def export_anki(
    path: PathArgument, deck: DeckOption = None, bank: BankOption = None, force: ForceOption = False
) -> None:
    """The cards as an Anki package (.apkg): one Anki deck per deck.

    Example: interviewprep export anki interviewprep.apkg --deck transformer-architecture
    """
    from interviewprep.fsutil import STDOUT
    from interviewprep.progress.anki import write_package

    if path.suffix != ".apkg" and str(path) != STDOUT:
        raise UserError(f"{path}: an Anki package must end in .apkg")
    with _export_to(path, force) as tmp:  # a refused PATH is said before loading the decks
        _, library = load_everything(bank)
        check_known_decks(library, deck)
        decks = [d for d in library.decks if not deck or d.id in deck]
        notes = write_package(decks, tmp)
    _report(path, f"{notes} notes in {len(decks)} deck(s)")


@import_app.command("json")
def import_json(
    path: Annotated[Path, typer.Argument(help="A file written by `export json`.", exists=False)],
) -> None:
    """Restore progress from `export json`; the current store is backed up first.

    Example: interviewprep import json ~/interviewprep-backup.json
    """
    from interviewprep.config import save_config
    from interviewprep.progress.portable import import_progress, read_document
    from interviewprep.store import open_store
    from interviewprep.store.backup import kept_copy

    imported = read_document(path)  # every field checked before anything changes
    with open_store() as store:
        safety = kept_copy(store, "before-import", _now())
        counts = import_progress(store, imported)
    save_config(imported.config)
    console().print(
        f"Imported {counts['review_log']} answers, {counts['card_state']} card states, "
        f"{counts['kata_attempt']} kata checks, {counts['interview_session']} interviews. "
        f"The store as it was is saved at {safety}",
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
