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


# A near miss scores at least this (rapidfuzz's WRatio, 0-100); of several, only those
# within TIE_WINDOW of the best are offered: one good suggestion beats three guesses.
MATCH_CUTOFF = 80.0
TIE_WINDOW = 3.0


def close_names(word: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """The candidates most like a mistyped name, closest first (at most n)."""
    from rapidfuzz import fuzz, process, utils

    matches = process.extract(
        word, sorted(set(candidates)), scorer=fuzz.WRatio, limit=n,
        score_cutoff=MATCH_CUTOFF, processor=utils.default_process,
    )  # fmt: skip
    best = matches[0][1] if matches else 0.0
    return [name for name, score, _ in matches if score >= best - TIE_WINDOW]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ "did you mean 'x'? " for the candidate closest to a mistyped name, or ""."""
    close = close_names(word, candidates)
    return f"did you mean '{close[0]}'? " if close else ""
