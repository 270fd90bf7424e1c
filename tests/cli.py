"""Running the real command as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interviewprep", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        timeout=120,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    """Exit 2, a message that says what is wrong, and no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert fragment in result.stderr + result.stdout
