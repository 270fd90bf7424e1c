"""Errors the user can act on, and the exit codes the commands return."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the command ran and the answer is "no" (a kata case failed)
    INVALID = 2  # bad input, or the command could not run


class UserError(Exception):
    """A problem the user can fix; shown as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ConfigError(UserError):
    """config.toml cannot be read or holds a bad value."""


class StoreError(UserError):
    """The progress store cannot be opened, read or written."""


def close_names(word: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """The candidates most like a mistyped name, closest first (at most n)."""
    import difflib

    return difflib.get_close_matches(word, sorted(candidates), n=n)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ "did you mean 'x'? " for the candidate closest to a mistyped name, or ""."""
    close = close_names(word, candidates)
    return f"did you mean '{close[0]}'? " if close else ""
