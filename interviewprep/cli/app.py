"""The `interviewprep` command. Only declarations live here; each command is a few lines."""

from __future__ import annotations

import sys

import typer

from interviewprep import __version__
from interviewprep.cli import (
    bank_commands,
    card_commands,
    config_commands,
    data_commands,
    kata_commands,
    progress_commands,
    study_commands,
    today_commands,
)
from interviewprep.errors import ExitCode, UserError

app = typer.Typer(
    name="interviewprep",
    help="Daily flashcards, coding katas and progress tracking for LLM interviews.",
    # Alone, in a terminal, the command shows the day's plan; otherwise its help.
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain click help: rendering it with rich costs ~50 ms of imports on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"interviewprep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
) -> None:
    """Daily flashcards, coding katas and progress tracking for LLM interviews."""
    if ctx.invoked_subcommand is not None:
        return
    if sys.stdin.isatty() and sys.stdout.isatty():
        today_commands.today()
    else:
        typer.echo(ctx.get_help())


today_commands.register(app)
bank_commands.register(app)
card_commands.register(app)
kata_commands.register(app)
study_commands.register(app)
progress_commands.register(app)
data_commands.register(app)
config_commands.register(app)


def _fail(message: str, hint: str | None = None) -> int:
    print(f"error: {message}", file=sys.stderr)
    if hint:
        print(f"hint: {hint}", file=sys.stderr)
    return int(ExitCode.INVALID)


def main() -> None:
    """Entry point: turn every error the user can act on into a message and an exit code."""
    try:
        app()
    except UserError as exc:
        sys.exit(_fail(exc.message, exc.hint))
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        sys.exit(_fail(f"{exc.strerror or exc}{where}"))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        # sqlite3 is imported only by commands that open the store (start-up stays fast),
        # so if it is not loaded, this cannot be a database error.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
            raise
        sys.exit(_database_failure(exc))


def _database_failure(exc: Exception) -> int:
    from interviewprep.paths import store_path
    from interviewprep.store.db import (
        LOCKED_HINT,
        disk_full,
        is_locked,
        locked_message,
        recovery_hint,
    )

    path = store_path()
    if is_locked(exc):  # another process holds the store: nothing is damaged, no restore
        return _fail(locked_message(path, exc), LOCKED_HINT)
    # sqlite_errorcode and SQLITE_FULL exist from Python 3.11; 13 is SQLITE_FULL.
    code = getattr(exc, "sqlite_errorcode", None)
    full = code == 13 or "database or disk is full" in str(exc)
    if full or disk_full(path):  # a full disk can also show as "disk I/O error"
        # Not damage: the hint to restore a backup would mislead.
        return _fail(
            f"the disk holding {path} is full ({exc}); that last change was not saved",
            "free some space and run the command again; earlier answers are kept",
        )
    return _fail(f"the progress store {path} cannot be used: {exc}", recovery_hint(path))
