"""What several commands share: the console, the options, opening the app, --json."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from interviewprep.app import App
    from interviewprep.bank import Library

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


def _json_value(value: object) -> object:
    """What json cannot write by itself: dataclasses, times, paths, sets."""
    import dataclasses
    from datetime import date

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, date):  # datetimes too: ISO 8601, with the offset
        return value.isoformat()
    if isinstance(value, (Path, set, frozenset)):
        return str(value) if isinstance(value, Path) else sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def print_json(value: object) -> None:
    """A command's --json output: dataclasses as their fields, times in ISO 8601.

    Written by orjson: with `indent`, the standard json module falls back to its
    pure-Python encoder, 1.1 s of `cards --json` at 100,000 cards (orjson: 0.05 s). The
    layout is the same (two spaces, `": "`); numbers below 1e-4 may be spelt
    differently (0.00001 for 1e-05), the same value, and NaN is null. Whatever orjson refuses (an
    integer beyond 64 bits, a named tuple) is written by the json module as before.
    """
    import orjson

    try:
        options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
        data = orjson.dumps(value, default=_json_value, option=options)
    except orjson.JSONEncodeError:
        pass
    else:  # UTF-8 bytes, written as they are: 30 MB decoded and encoded again cost 0.1 s
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            typer.echo(data.decode(), nl=False)
        else:
            sys.stdout.flush()
            binary.write(data)
            binary.flush()
        return
    import json

    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=_json_value))


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
    app.on_busy = _say_busy
    if with_cards:
        warn_about_problems(app.library)
    return app


def warn_about_problems(library: Library) -> None:
    if library.problems:
        files = sorted({str(p.file) for p in library.problems})
        err = error_console()
        err.print(
            f"warning: {len(library.problems)} problem(s) in {', '.join(files)}; "
            "those decks are skipped. Run `interviewprep validate` on them for details.",
            markup=False,
        )


def _say_busy() -> None:
    error_console().print(
        "The store is busy (another interviewprep is writing); waiting... Ctrl-C to stop.",
        style="yellow",
        markup=False,
    )
