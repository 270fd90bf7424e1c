"""Kata progress in the store, with fixed times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interviewprep.katas.watch import watch_until_passed
from interviewprep.store import open_store
from interviewprep.store.katas import (
    Attempt,
    attempts_for,
    load_progress,
    mark_started,
    next_hint,
    record_attempt,
    reset_hints,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def attempt(status: str, minutes: int, passed: int = 3) -> Attempt:
    return Attempt("softmax", "numpy", T0 + timedelta(minutes=minutes), status, passed, 13, 120)


def test_start_attempts_pass_and_time_to_pass() -> None:
    with open_store() as store:
        mark_started(store, "softmax", "numpy", T0)
        progress = load_progress(store)[("softmax", "numpy")]
        assert progress.status == "started" and progress.attempts == 0
        record_attempt(store, attempt("error", 3, 0))
        record_attempt(store, attempt("failed", 7))
        assert load_progress(store)[("softmax", "numpy")].status == "failing"
        record_attempt(store, attempt("passed", 12, 13))
        record_attempt(store, attempt("failed", 20))  # a later failure keeps the pass
        progress = load_progress(store)[("softmax", "numpy")]
        assert progress.status == "passed" and progress.attempts == 4
        assert progress.time_to_pass_s == 12 * 60
        mark_started(store, "softmax", "numpy", T0 + timedelta(days=1))  # keeps the first
        assert load_progress(store)[("softmax", "numpy")].started_at == T0
        assert [a.status for a in attempts_for(store, "softmax")] == [
            "error", "failed", "passed", "failed",
        ]  # fmt: skip


def test_hints_count_up_to_the_number_available_and_reset() -> None:
    with open_store() as store:
        assert [next_hint(store, "top-k", "numpy", T0, 3) for _ in range(5)] == [1, 2, 3, 3, 3]
        reset_hints(store, "top-k", "numpy")
        assert next_hint(store, "top-k", "numpy", T0, 3) == 1


def test_watch_checks_again_only_after_a_save() -> None:
    mtimes = iter([1.0, 1.0, 1.0, None, 2.0, 2.0, 3.0])
    results = iter([False, False, True])
    checks: list[int] = []

    def check() -> bool:
        checks.append(1)
        return next(results)

    assert watch_until_passed(check, lambda: next(mtimes), lambda s: None) is True
    assert len(checks) == 3


def test_watch_can_be_bounded() -> None:
    assert watch_until_passed(lambda: False, lambda: 1.0, lambda s: None, max_checks=1) is False
