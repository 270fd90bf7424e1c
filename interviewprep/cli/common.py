"""What several commands share: the console, the --bank option, loading the library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from interviewprep.config import Config, load_config
from interviewprep.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from interviewprep.app import App
    from interviewprep.bank import Library
    from interviewprep.store import Store

BankOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--bank",
        help="Also load the decks in this folder (repeatable).",
        file_okay=False,
        dir_okay=True,
    ),
]
DeckOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--deck", "-d", help="Only this deck (repeatable)."),
]
TagOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--tag", "-t", help="Only cards with this tag (repeatable)."),
]


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def open_app(extra: list[Path] | None = None, *, with_cards: bool = True) -> App:
    """The application layer on the user's data folder; with_cards loads the cards now,
    so that decks with problems are reported (and skipped) before anything else."""
    from interviewprep.app import App

    app = App(extra_banks=extra or ())
    if with_cards:
        warn_about_problems(app.library)
    return app


def load_cards(config: Config, extra: list[Path] | None) -> Library:
    """The library the user studies from; decks with problems are skipped with a warning."""
    from interviewprep.bank import load_library

    library = load_library([*config.bank_dirs, *(extra or [])])
    warn_about_problems(library)
    return library


def warn_about_problems(library: Library) -> None:
    if library.problems:
        files = sorted({str(p.file) for p in library.problems})
        err = error_console()
        err.print(
            f"warning: {len(library.problems)} problem(s) in {', '.join(files)}; "
            "those decks are skipped. Run `interviewprep validate` on them for details.",
            markup=False,
        )


def load_everything(extra: list[Path] | None) -> tuple[Config, Library]:
    config = load_config()
    return config, load_cards(config, extra)


def check_known_decks(library: Library, decks: list[str] | None) -> None:
    known = {d.id for d in library.decks}
    for deck in decks or []:
        if deck not in known:
            raise UserError(
                f"no deck named '{deck}'",
                hint="decks: " + ", ".join(sorted(known)) + " (see `interviewprep decks`)",
            )


def open_user_store(config: Config) -> Store:
    """The store, for a command that writes: the day's first such opening backs it up."""
    from datetime import date

    from interviewprep.store import open_store
    from interviewprep.store.backup import daily_backup

    store = open_store()
    store.on_busy = _say_busy
    daily_backup(store, config.backups_kept, date.today())
    return store


def _say_busy() -> None:
    error_console().print(
        "The store is busy (another interviewprep is writing); waiting... Ctrl-C to stop.",
        style="yellow",
        markup=False,
    )
