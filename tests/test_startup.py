"""`interviewprep --help` stays fast: the heavy libraries are imported lazily."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "torch", "fsrs", "questionary", "yaml", "rapidfuzz")
# Light, but together a tenth of start-up; only commands that use them load them.
DEFERRED = ("sqlite3", "tomllib", "tomli", "rich")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "interviewprep", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "typer" in names  # the measurement itself works
    return names


def test_help_imports_no_heavy_library() -> None:
    assert not set(HEAVY + DEFERRED) & imported_modules("--help")


def test_version_imports_no_heavy_library() -> None:
    assert not set(HEAVY + DEFERRED) & imported_modules("--version")
