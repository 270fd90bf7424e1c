"""Re-grade on every save until the kata passes (like `rustlings watch`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

POLL_S = 0.4


def file_mtime(path: Path) -> float | None:
    """None while the file is missing (some editors replace it on save)."""
    try:
        return path.stat().st_mtime_ns / 1e9
    except OSError:
        return None


def watch_until_passed(
    check: Callable[[], bool],
    mtime: Callable[[], float | None],
    sleep: Callable[[float], None],
    poll_s: float = POLL_S,
    max_checks: int | None = None,
) -> bool:
    """Check now, then again after every change of `mtime`; True once a check passes.

    `max_checks` bounds the loop for tests; the command runs until a pass or Ctrl-C.
    """
    last = mtime()
    checks = 1
    passed = check()
    while not passed and (max_checks is None or checks < max_checks):
        sleep(poll_s)
        current = mtime()
        if current is None or current == last:
            continue
        last = current
        checks += 1
        passed = check()
    return passed
