"""Kata progress and attempts: every query the kata commands need."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from interviewprep.store.db import Store, optional_time


@dataclass(frozen=True)
class Attempt:
    """One `kata check`."""

    kata: str
    track: str
    checked_at: datetime
    status: str  # passed | failed | error
    cases_passed: int
    cases_total: int
    duration_ms: int


@dataclass(frozen=True)
class KataProgress:
    """What the store knows of one kata on one track."""

    kata: str
    track: str
    started_at: datetime
    passed_at: datetime | None
    attempts: int
    last_status: str | None

    @property
    def status(self) -> str:
        """not started is the absence of a row; then started, failing or passed."""
        if self.passed_at is not None:
            return "passed"
        if self.last_status is None:
            return "started"
        return "failing"

    @property
    def time_to_pass_s(self) -> float | None:
        if self.passed_at is None:
            return None
        return (self.passed_at - self.started_at).total_seconds()


def _ensure_progress(conn: sqlite3.Connection, kata: str, track: str, at: datetime) -> None:
    """The kata's progress row, started at `at` unless it exists already."""
    conn.execute(
        "INSERT OR IGNORE INTO kata_progress (kata, track, started_at) VALUES (?, ?, ?)",
        (kata, track, at.isoformat()),
    )


def mark_started(store: Store, kata: str, track: str, now: datetime) -> None:
    """Record the start once; starting again keeps the first time (it times the pass)."""
    with store.tx() as conn:
        _ensure_progress(conn, kata, track, now)


def record_attempt(store: Store, attempt: Attempt) -> None:
    """Log a check; a first pass also stamps passed_at. One transaction."""
    with store.tx() as conn:
        _ensure_progress(conn, attempt.kata, attempt.track, attempt.checked_at)
        conn.execute(
            "INSERT INTO kata_attempt (kata, track, checked_at, status, cases_passed, "
            "cases_total, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                attempt.kata, attempt.track, attempt.checked_at.isoformat(), attempt.status,
                attempt.cases_passed, attempt.cases_total, attempt.duration_ms,
            ),
        )  # fmt: skip
        if attempt.status == "passed":
            conn.execute(
                "UPDATE kata_progress SET passed_at = ? "
                "WHERE kata = ? AND track = ? AND passed_at IS NULL",
                (attempt.checked_at.isoformat(), attempt.kata, attempt.track),
            )


def next_hint(store: Store, kata: str, track: str, now: datetime, available: int) -> int:
    """Count one more hint shown (at most `available`); return how many are shown now."""
    with store.tx() as conn:
        _ensure_progress(conn, kata, track, now)
        conn.execute(
            "UPDATE kata_progress SET hints_shown = min(hints_shown + 1, ?) "
            "WHERE kata = ? AND track = ?",
            (available, kata, track),
        )
        row = conn.execute(
            "SELECT hints_shown FROM kata_progress WHERE kata = ? AND track = ?", (kata, track)
        ).fetchone()
    return int(row[0])


def reset_hints(store: Store, kata: str, track: str) -> None:
    with store.tx() as conn:
        conn.execute(
            "UPDATE kata_progress SET hints_shown = 0 WHERE kata = ? AND track = ?",
            (kata, track),
        )


def load_progress(store: Store) -> dict[tuple[str, str], KataProgress]:
    """Every (kata, track) ever started, with its attempt count and last status."""
    rows = store.conn.execute(
        """
        SELECT p.kata, p.track, p.started_at, p.passed_at,
               (SELECT count(*) FROM kata_attempt a
                 WHERE a.kata = p.kata AND a.track = p.track) AS attempts,
               (SELECT a.status FROM kata_attempt a
                 WHERE a.kata = p.kata AND a.track = p.track
                 ORDER BY a.checked_at DESC, a.id DESC LIMIT 1) AS last_status
        FROM kata_progress p
        """
    )
    out = {}
    for r in rows:
        out[(r[0], r[1])] = KataProgress(
            kata=r[0], track=r[1], started_at=datetime.fromisoformat(r[2]),
            passed_at=optional_time(r[3]),
            attempts=int(r[4]), last_status=r[5],
        )  # fmt: skip
    return out


def attempts_for(store: Store, kata: str) -> list[Attempt]:
    rows = store.conn.execute(
        "SELECT kata, track, checked_at, status, cases_passed, cases_total, duration_ms "
        "FROM kata_attempt WHERE kata = ? ORDER BY checked_at, id",
        (kata,),
    )
    return [Attempt(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4], r[5], r[6]) for r in rows]
