"""Kata progress, attempts, rounds and each kata's FSRS card: every query the kata
commands need."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from interviewprep.store.db import Store, optional_time
from interviewprep.store.reviews import CardRecord, utc_text


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


def _insert_attempt(conn: sqlite3.Connection, attempt: Attempt) -> None:
    """Log a check; a first pass also stamps passed_at."""
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


def record_attempt(store: Store, attempt: Attempt) -> None:
    """Log a check; a first pass also stamps passed_at. One transaction."""
    with store.tx() as conn:
        _insert_attempt(conn, attempt)


def next_hint(store: Store, kata: str, track: str, now: datetime, available: int) -> int:
    """Count one more hint shown (at most `available`); return how many are shown now."""
    with store.tx() as conn:
        _ensure_progress(conn, kata, track, now)
        conn.execute(
            "UPDATE kata_progress SET hints_shown = min(hints_shown + 1, ?) "
            "WHERE kata = ? AND track = ?",
            (available, kata, track),
        )
        conn.execute(  # the open round counts the hints it was given
            "UPDATE kata_round SET hints = min(hints + 1, ?) "
            "WHERE kata = ? AND track = ? AND finished_at IS NULL",
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


# -- rounds and the kata's FSRS card ---------------------------------------------------


@dataclass(frozen=True)
class KataRound:
    """One attempt at a kata from a blank file; open while finished_at is None."""

    id: int | None  # None: not stored yet
    kata: str
    track: str
    started_at: datetime
    finished_at: datetime | None = None
    outcome: str | None = None  # passed | gave_up | solution
    rating: int | None = None
    failed_checks: int = 0
    hints: int = 0
    seconds: float | None = None


@dataclass(frozen=True)
class KataCard:
    """A kata on one track as an FSRS card: its memory in card_state's shape."""

    kata: str
    track: str
    memory: CardRecord


_ROUND_COLUMNS = (
    "id, kata, track, started_at, finished_at, outcome, rating, failed_checks, hints, seconds"
)
_CARD_COLUMNS = (
    "kata, track, fsrs_state, step, stability, difficulty, due, last_review, reps, lapses, "
    "first_reviewed"
)


def _round(row: sqlite3.Row | tuple) -> KataRound:  # type: ignore[type-arg]
    return KataRound(
        int(row[0]), row[1], row[2], datetime.fromisoformat(row[3]), optional_time(row[4]),
        row[5], row[6], int(row[7]), int(row[8]), row[9],
    )  # fmt: skip


def _open_round(conn: sqlite3.Connection, kata: str, track: str) -> KataRound | None:
    row = conn.execute(
        f"SELECT {_ROUND_COLUMNS} FROM kata_round "
        "WHERE kata = ? AND track = ? AND finished_at IS NULL",
        (kata, track),
    ).fetchone()
    return _round(row) if row else None


def load_open_round(store: Store, kata: str, track: str) -> KataRound | None:
    return _open_round(store.conn, kata, track)


def open_rounds(store: Store, kata: str) -> list[KataRound]:
    """The kata's open rounds, one per track at most."""
    rows = store.conn.execute(
        f"SELECT {_ROUND_COLUMNS} FROM kata_round "
        "WHERE kata = ? AND finished_at IS NULL ORDER BY track",
        (kata,),
    )
    return [_round(r) for r in rows]


def all_open_rounds(store: Store) -> list[KataRound]:
    """Every open round, the most recently started first: the katas under way."""
    rows = store.conn.execute(
        f"SELECT {_ROUND_COLUMNS} FROM kata_round WHERE finished_at IS NULL "
        "ORDER BY started_at DESC, id DESC"
    )
    return [_round(r) for r in rows]


def _insert_open_round(conn: sqlite3.Connection, kata: str, track: str, now: datetime) -> None:
    conn.execute(
        "INSERT INTO kata_round (kata, track, started_at) VALUES (?, ?, ?)",
        (kata, track, utc_text(now)),
    )


def open_round(store: Store, kata: str, track: str, now: datetime) -> KataRound:
    """The open round of the kata on the track, opened at `now` if there is none."""
    with store.tx() as conn:
        if _open_round(conn, kata, track) is None:
            _insert_open_round(conn, kata, track, now)
        found = _open_round(conn, kata, track)
    assert found is not None
    return found


def restart(store: Store, kata: str, track: str, now: datetime) -> None:
    """A fresh round from the blank starter: started (once), hints from none, and a
    round open from `now` (unless one is open already). One transaction."""
    with store.tx() as conn:
        _ensure_progress(conn, kata, track, now)
        conn.execute(
            "UPDATE kata_progress SET hints_shown = 0 WHERE kata = ? AND track = ?",
            (kata, track),
        )
        if _open_round(conn, kata, track) is None:
            _insert_open_round(conn, kata, track, now)


def failed_checks_since(store: Store, kata: str, track: str, since: datetime) -> int:
    """Checks that failed or could not run from `since` on."""
    row = store.conn.execute(
        "SELECT count(*) FROM kata_attempt WHERE kata = ? AND track = ? "
        "AND checked_at >= ? AND status != 'passed'",
        (kata, track, utc_text(since)),
    ).fetchone()
    return int(row[0])


def last_pass_seconds(store: Store, kata: str, track: str) -> float | None:
    """How long the latest passed round on the track took, if there is one."""
    row = store.conn.execute(
        "SELECT seconds FROM kata_round WHERE kata = ? AND track = ? AND outcome = 'passed' "
        "ORDER BY finished_at DESC, id DESC LIMIT 1",
        (kata, track),
    ).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def load_kata_cards(store: Store) -> dict[tuple[str, str], KataCard]:
    """Every (kata, track) with an FSRS card."""
    rows = store.conn.execute(f"SELECT {_CARD_COLUMNS} FROM kata_card")
    out = {}
    for r in rows:
        memory = CardRecord(
            kata_card_id(r[0], r[1]), r[2], r[3], r[4], r[5], datetime.fromisoformat(r[6]),
            optional_time(r[7]), r[8], r[9], datetime.fromisoformat(r[10]),
        )  # fmt: skip
        out[(r[0], r[1])] = KataCard(r[0], r[1], memory)
    return out


def kata_card_id(kata: str, track: str) -> str:
    """The id a kata's card has where a card id is needed (fsrs's, the JSON of undo)."""
    return f"kata:{kata}:{track}"


def _save_card(conn: sqlite3.Connection, card: KataCard) -> None:
    m = card.memory
    conn.execute(
        f"INSERT OR REPLACE INTO kata_card ({_CARD_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            card.kata, card.track, m.fsrs_state, m.step, m.stability, m.difficulty,
            utc_text(m.due), utc_text(m.last_review) if m.last_review else None,
            m.reps, m.lapses, utc_text(m.first_reviewed),
        ),
    )  # fmt: skip


def finish_round(
    store: Store, finished: KataRound, card: KataCard, attempt: Attempt | None = None
) -> bool:
    """Close the round (store it closed, if it was never stored), save the card it
    reviewed and log the passing check, in one transaction. False, and nothing written,
    when the round was closed meanwhile (another command finished it)."""
    assert finished.finished_at is not None
    values = (
        utc_text(finished.finished_at), finished.outcome, finished.rating,
        finished.failed_checks, finished.hints, finished.seconds,
    )  # fmt: skip
    with store.tx() as conn:
        if finished.id is None:
            conn.execute(
                "INSERT INTO kata_round (kata, track, started_at, finished_at, outcome, "
                "rating, failed_checks, hints, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (finished.kata, finished.track, utc_text(finished.started_at), *values),
            )
        else:
            updated = conn.execute(
                "UPDATE kata_round SET finished_at = ?, outcome = ?, rating = ?, "
                "failed_checks = ?, hints = ?, seconds = ? WHERE id = ? AND finished_at IS NULL",
                (*values, finished.id),
            )
            if updated.rowcount == 0:
                return False
        _save_card(conn, card)
        if attempt is not None:
            _insert_attempt(conn, attempt)
    return True
