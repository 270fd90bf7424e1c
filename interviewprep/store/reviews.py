"""Card memory states, flags and the review log: every query the study session needs."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from operator import itemgetter

from interviewprep.errors import StoreError
from interviewprep.store.db import Store, optional_time


@dataclass(frozen=True)
class CardRecord:
    """What the store knows of a card's memory; a card without one is new."""

    card_id: str
    fsrs_state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int
    first_reviewed: datetime

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("due", "last_review", "first_reviewed"):
            data[key] = data[key].isoformat() if data[key] else None
        return json.dumps(data)


@dataclass(frozen=True)
class CardFlags:
    card_id: str
    suspended: bool = False
    buried_until: datetime | None = None
    flagged: bool = False
    leech: bool = False

    def buried_at(self, now: datetime) -> bool:
        """Hidden by `bury` at `now` (it lasts until the local midnight it recorded)."""
        return self.buried_until is not None and self.buried_until > now


@dataclass(frozen=True)
class Review:
    """One answer, as the review log keeps it."""

    card_id: str
    reviewed_at: datetime
    rating: int
    duration_ms: int
    card_type: str
    mode: str
    answer: str | None = None
    correct: bool | None = None
    scheduled: bool = True
    state_before: CardRecord | None = None
    interval_days: float | None = None
    due_after: datetime | None = None
    id: int | None = None


_RECORD_COLUMNS = (
    "card_id, fsrs_state, step, stability, difficulty, due, last_review, reps, lapses, "
    "first_reviewed"
)


def _record(row: tuple) -> CardRecord:  # type: ignore[type-arg]
    return CardRecord(
        row[0], row[1], row[2], row[3], row[4], datetime.fromisoformat(row[5]),
        optional_time(row[6]), row[7], row[8], datetime.fromisoformat(row[9]),
    )  # fmt: skip


def load_records(store: Store, due_by: datetime | None = None) -> dict[str, CardRecord]:
    """Every card's record, or only those due by `due_by` (what a session starts with).

    Times are stored as UTC ISO text of one shape, so they compare correctly as text.
    """
    from interviewprep.bank.library import gc_paused

    query = f"SELECT {_RECORD_COLUMNS} FROM card_state"
    params: tuple[str, ...] = ()
    if due_by is not None:
        query += " WHERE due <= ?"
        params = (due_by.astimezone(timezone.utc).isoformat(),)
    with gc_paused():
        rows = store.conn.execute(query, params)
        return {row[0]: _record(tuple(row)) for row in rows}


def _tuples(store: Store) -> sqlite3.Cursor:
    """A cursor giving plain tuples: sqlite3.Row objects cost a third more per row."""
    cursor = store.conn.cursor()
    cursor.row_factory = None
    return cursor


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


# fsrs 6's retrievability, computed by SQLite with the same floating-point operations in
# the same order as Scheduler.get_card_retrievability, so the queue sorts exactly as
# `sorted((retrievability, card_id))` would in Python, ties included:
#   0 without a last review or a stability, else (1 + FACTOR * t / S) ** DECAY,
# where t = max(0, (now - last_review).days), whole days rounded down. The times are
# stored as UTC ISO text ("YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00"), so t is the difference
# of the calendar dates, less one when the time of day of `now` is earlier than that of
# the last review; '+' sorts before '.', so a time without microseconds compares right.
_ELAPSED_DAYS = (
    "max(0, CAST(julianday(substr(:now, 1, 10)) - julianday(substr(last_review, 1, 10)) "
    "AS INTEGER) - (substr(:now, 12) < substr(last_review, 12)))"
)
_RETRIEVABILITY = (
    "CASE WHEN last_review IS NULL OR stability IS NULL THEN 0.0 "
    # A stability of 0 or below (an edited store) can give NULL (a division by zero,
    # NaN) instead of a chance: ranked 0, as first, not an error.
    f"ELSE coalesce(pow(1.0 + :factor * {_ELAPSED_DAYS} / stability, :decay), 0.0) END"
)


# A card in the Review state (fsrs.State.Review) is due for the whole local day its due
# time falls in, as Anki's review cards are: its interval is whole days, and a plan made
# in the morning counts it among the day's reviews. Learning steps are minutes: due by
# the clock.
_DUE_TODAY = "(+due <= :now OR (fsrs_state = 2 AND +due < :day_end))"


def due_ranked(
    store: Store, now: datetime, *, decay: float, factor: float, day_end: datetime | None = None
) -> list[tuple[float, str]]:
    """(retrievability, id) of every card due at `now` (reviews: due before `day_end`, the
    next local midnight), in no particular order.

    `decay` and `factor` are the scheduler's (one decay for every card). SQLite computes
    each card's retrievability from its row, so no record is parsed; the caller keeps
    the pairs as a heap (sorting 100,000 rows in SQLite took twice as long as reading
    them, and a session shows the first twenty). `+due` scans the table: the index on
    `due` costs a lookup per row, slower even when one card in seven is due.
    """
    rows = _tuples(store).execute(
        f"SELECT {_RETRIEVABILITY}, card_id FROM card_state WHERE {_DUE_TODAY}",
        {"now": _utc_text(now), "day_end": _utc_text(day_end or now), "decay": decay,
         "factor": factor},
    )  # fmt: skip
    return rows.fetchall()


_FIRST = itemgetter(0)


def due_ids(store: Store, now: datetime, day_end: datetime | None = None) -> list[str]:
    """The id of every card `due_ranked` would rank, in no particular order: what
    counting them needs, without the arithmetic or a float per card.

    The ids come as one text, a line each, split in C (100,000 ids: 0.014 s against
    0.025 s as rows); if an id holds a line break itself, the lines outnumber the rows
    and the ids are read again as rows.
    """
    params = {"now": _utc_text(now), "day_end": _utc_text(day_end or now)}
    text, rows = _tuples(store).execute(
        f"SELECT group_concat(card_id, char(10)), count(*) FROM card_state WHERE {_DUE_TODAY}",
        params,
    ).fetchone()
    ids: list[str] = text.split("\n") if isinstance(text, str) else []
    if len(ids) == rows:
        return ids
    query = f"SELECT card_id FROM card_state WHERE {_DUE_TODAY}"
    return list(map(_FIRST, _tuples(store).execute(query, params).fetchall()))


def due_ranked_lowest(
    store: Store, now: datetime, count: int, *, decay: float, factor: float,
    day_end: datetime | None = None,
) -> list[tuple[float, str]]:  # fmt: skip
    """The `count` lowest of `due_ranked`'s pairs, lowest first (ties by id, as
    Python orders them: text compares as bytes, and UTF-8 keeps code point order).
    SQLite keeps only `count` rows while it scans, so only they come into Python."""
    rows = _tuples(store).execute(
        f"SELECT {_RETRIEVABILITY} AS rank, card_id FROM card_state WHERE {_DUE_TODAY} "
        "ORDER BY rank, card_id LIMIT :count",
        {"now": _utc_text(now), "day_end": _utc_text(day_end or now), "decay": decay,
         "factor": factor, "count": count},
    )  # fmt: skip
    return rows.fetchall()


def card_overview(
    store: Store, now: datetime, *, decay: float, factor: float
) -> list[tuple[str, int, str, float]]:
    """(id, fsrs state, due as stored UTC text, retrievability at `now`) of every studied
    card: what the dashboard needs, without building a record per card."""
    rows = _tuples(store).execute(
        f"SELECT card_id, fsrs_state, due, {_RETRIEVABILITY} FROM card_state",
        {"now": _utc_text(now), "decay": decay, "factor": factor},
    )
    return rows.fetchall()


def recall_below(
    store: Store, now: datetime, at: datetime, target: float, *, decay: float, factor: float
) -> list[tuple[float, str]]:
    """(retrievability at `at`, id) of the cards due after `now` whose predicted recall at
    `at` (the interview morning) is under `target`: the ones to bring forward."""
    rows = _tuples(store).execute(
        f"SELECT * FROM (SELECT {_RETRIEVABILITY} AS r, card_id FROM card_state "
        "WHERE due > :due_after) WHERE r < :target",
        {"now": _utc_text(at), "due_after": _utc_text(now), "target": target,
         "decay": decay, "factor": factor},
    )  # fmt: skip
    return rows.fetchall()


def due_counts(store: Store, days: Sequence[tuple[datetime, datetime]], exclude: str) -> list[int]:
    """How many cards other than `exclude` fall due within each [start, end) of `days`:
    the load of each day a fuzzed interval could land on (the `due` index, a count each)."""
    query = "SELECT count(*) FROM card_state WHERE due >= ? AND due < ? AND card_id != ?"
    cursor = _tuples(store)
    return [
        int(cursor.execute(query, (_utc_text(start), _utc_text(end), exclude)).fetchone()[0])
        for start, end in days
    ]


def count_reviewed_since(store: Store, since: datetime) -> int:
    """Cards studied before `since` and answered on the schedule since: the day's reviews,
    counted against max_reviews_per_day (new cards, and a card's repeats, not counted)."""
    row = store.conn.execute(
        "SELECT count(DISTINCT r.card_id) FROM review_log r "
        "JOIN card_state c ON c.card_id = r.card_id "
        "WHERE r.reviewed_at >= :since AND r.scheduled = 1 AND r.prior_state IS NOT NULL "
        "AND c.first_reviewed < :since",
        {"since": _utc_text(since)},
    ).fetchone()
    return int(row[0])


def count_studied(store: Store, card_ids: Sequence[str]) -> int:
    """How many of `card_ids` have been studied (have a memory state)."""
    row = store.conn.execute(
        "SELECT count(*) FROM json_each(?) j JOIN card_state c ON c.card_id = j.value",
        (json.dumps(list(card_ids)),),
    ).fetchone()
    return int(row[0])


def recent_durations(store: Store, limit: int) -> tuple[list[int], list[int]]:
    """Milliseconds of the latest `limit` study answers to cards already studied, and of
    the latest `limit` first answers to new cards: the person's own pace."""
    query = (
        "SELECT duration_ms FROM review_log WHERE mode = 'study' AND prior_state IS {} NULL "
        "AND duration_ms > 0 ORDER BY id DESC LIMIT ?"
    )
    cursor = _tuples(store)
    reviews = [r[0] for r in cursor.execute(query.format("NOT"), (limit,))]
    new = [r[0] for r in cursor.execute(query.format(""), (limit,))]
    return reviews, new


def utc_text(moment: datetime) -> str:
    """A time as the store keeps it, so that it compares with stored times as text."""
    return _utc_text(moment)


def due_between(
    store: Store, after: datetime, until: datetime, day_end: datetime | None = None
) -> list[tuple[datetime, str]]:
    """(due, id) of the cards falling due after `after` and by `until`, soonest first;
    reviews due before `day_end` are left out (due_ranked counts them due already)."""
    rows = _tuples(store).execute(
        "SELECT due, card_id FROM card_state WHERE due > :after AND due <= :until "
        "AND NOT (fsrs_state = 2 AND due < :day_end) ORDER BY due, card_id",
        {"after": _utc_text(after), "until": _utc_text(until),
         "day_end": _utc_text(day_end or after)},
    )  # fmt: skip
    return [(datetime.fromisoformat(due), card_id) for due, card_id in rows]


def first_unstudied(store: Store, card_ids: Sequence[str], limit: int) -> list[str]:
    """The first `limit` of `card_ids`, in the order given, that were never studied.

    The ids go to SQLite as JSON arrays of growing length, each id looked up by the
    primary key, and the search stops at the limit: a day's twenty new cards early in
    the order cost a few hundred lookups, not a scan of every card.
    """
    found: list[str] = []
    start, size = 0, max(256, 4 * limit)
    while len(found) < limit and start < len(card_ids):
        chunk = card_ids[start : start + size]
        rows = _tuples(store).execute(
            "SELECT j.key, j.value FROM json_each(?) j WHERE NOT EXISTS "
            "(SELECT 1 FROM card_state c WHERE c.card_id = j.value) LIMIT ?",
            (json.dumps(list(chunk)), limit - len(found)),
        )
        found += [card_id for _, card_id in sorted(rows)]
        start, size = start + size, size * 4  # few new cards early on: look further
    return found


def next_due(store: Store, card_ids: Collection[str]) -> datetime | None:
    """The earliest due time among `card_ids`, suspended cards left out.

    Rows are read in due order (the index) until one is among `card_ids`: usually the
    first, where copying 100,000 ids into a table to join on took 0.2 s.
    """
    rows = _tuples(store).execute(
        "SELECT c.card_id, c.due FROM card_state c "
        "LEFT JOIN card_flags f ON f.card_id = c.card_id "
        "WHERE coalesce(f.suspended, 0) = 0 ORDER BY c.due"
    )
    for card_id, due in rows:
        if card_id in card_ids:
            return datetime.fromisoformat(due)
    return None


def load_record(store: Store, card_id: str) -> CardRecord | None:
    row = store.conn.execute(
        f"SELECT {_RECORD_COLUMNS} FROM card_state WHERE card_id = ?", (card_id,)
    ).fetchone()
    return _record(tuple(row)) if row else None


def load_flags(store: Store) -> dict[str, CardFlags]:
    rows = store.conn.execute(
        "SELECT card_id, suspended, buried_until, flagged, leech FROM card_flags"
    )
    return {
        r[0]: CardFlags(r[0], bool(r[1]), optional_time(r[2]), bool(r[3]), bool(r[4])) for r in rows
    }


def _save_record(conn: object, record: CardRecord) -> None:
    conn.execute(  # type: ignore[attr-defined]
        f"INSERT OR REPLACE INTO card_state ({_RECORD_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            record.card_id, record.fsrs_state, record.step, record.stability,
            record.difficulty, record.due.isoformat(),
            record.last_review.isoformat() if record.last_review else None,
            record.reps, record.lapses, record.first_reviewed.isoformat(),
        ),
    )  # fmt: skip


_SURROGATES = re.compile("[\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """Text SQLite can encode: a lone surrogate (undecodable terminal input that got
    past the prompter) becomes U+FFFD instead of failing the write and losing the answer."""
    return _SURROGATES.sub("\ufffd", text) if text else text


def _insert_review(conn: object, review: Review) -> int:
    cursor = conn.execute(  # type: ignore[attr-defined]
        "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type, answer, "
        "correct, mode, scheduled, state_before, interval_days, due_after, day, prior_state) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            review.card_id, review.reviewed_at.isoformat(), review.rating, review.duration_ms,
            review.card_type, storable(review.answer),
            None if review.correct is None else int(review.correct),
            review.mode, int(review.scheduled),
            review.state_before.to_json() if review.state_before else None,
            review.interval_days,
            review.due_after.isoformat() if review.due_after else None,
            review.reviewed_at.astimezone().date().isoformat(),
            review.state_before.fsrs_state if review.state_before else None,
        ),
    )  # fmt: skip
    return int(cursor.lastrowid)


def record_review(
    store: Store, review: Review, after: CardRecord | None, *, replacing: Review | None = None
) -> Review:
    """Log an answer and, when it is scheduled, the card's new state: one transaction.

    `replacing` is an answer this one supersedes (the person changed the rating).
    """
    with store.tx() as conn:
        if replacing is not None:
            conn.execute("DELETE FROM review_log WHERE id = ?", (replacing.id,))
        review_id = _insert_review(conn, review)
        if after is not None:
            _save_record(conn, after)
    return replace(review, id=review_id)


Rate = Callable[[CardRecord | None], tuple[Review, CardRecord | None]]


def answer_card(store: Store, card_id: str, rate: Rate) -> tuple[Review, CardRecord | None]:
    """Log an answer computed from the card's state as stored now, in one transaction.

    `rate` turns the stored state into the answer and the state after it. It runs
    inside the write lock (BEGIN IMMEDIATE), so an answer given in another session at
    the same time is never overwritten: the later answer builds on the earlier one.
    """
    with store.tx() as conn:
        review, after = rate(load_record(store, card_id))
        review_id = _insert_review(conn, review)
        if after is not None:
            _save_record(conn, after)
    return replace(review, id=review_id), after


def change_answer(
    store: Store, old: Review, written: CardRecord | None, rate: Rate
) -> tuple[Review, CardRecord | None] | None:
    """Replace an answer just given by one computed from the same state before (the
    person changed the rating), in one transaction.

    Only while the card's stored state is still `written`, what `old` wrote: if another
    session answered the card since, nothing is changed and None is returned.
    """
    with store.tx() as conn:
        current = load_record(store, old.card_id)
        if old.scheduled:
            if current != written:
                return None
            current = old.state_before
        conn.execute("DELETE FROM review_log WHERE id = ?", (old.id,))
        review, after = rate(current)
        review_id = _insert_review(conn, review)
        if after is not None:
            _save_record(conn, after)
    return replace(review, id=review_id), after


def undo_review(store: Store, review: Review, written: CardRecord | None) -> bool:
    """Remove an answer and put the card back as it was before it.

    A scheduled answer is undone only while the card's stored state is still `written`,
    the state that answer wrote: if another session answered the card since, putting
    back the older state would erase that answer, so nothing is changed (False).
    """
    with store.tx() as conn:
        if review.scheduled and load_record(store, review.card_id) != written:
            return False
        conn.execute("DELETE FROM review_log WHERE id = ?", (review.id,))
        if review.scheduled:
            _put_back(conn, review.card_id, review.state_before)
    return True


def _put_back(conn: sqlite3.Connection, card_id: str, before: CardRecord | None) -> None:
    """The card's state as it was before an answer: none at all for a card that was new."""
    if before is None:
        conn.execute("DELETE FROM card_state WHERE card_id = ?", (card_id,))
    else:
        _save_record(conn, before)


def save_flags(store: Store, flags: CardFlags) -> None:
    with store.tx() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO card_flags (card_id, suspended, buried_until, flagged, leech) "
            "VALUES (?,?,?,?,?)",
            (
                flags.card_id, int(flags.suspended),
                flags.buried_until.isoformat() if flags.buried_until else None,
                int(flags.flagged), int(flags.leech),
            ),
        )  # fmt: skip


def count_introduced_since(store: Store, since: datetime) -> int:
    """New cards first studied since `since` (they count against the daily new limit)."""
    row = store.conn.execute(
        "SELECT count(*) FROM card_state WHERE first_reviewed >= ?", (since.isoformat(),)
    ).fetchone()
    return int(row[0])


def reviews_for(
    store: Store, card_ids: Iterable[str] | None = None, *, latest: int | None = None
) -> list[Review]:
    """Answers in the order given (of some cards only); `latest` keeps the last N."""
    query = (
        "SELECT id, card_id, reviewed_at, rating, duration_ms, card_type, mode, answer, "
        "correct, scheduled, interval_days, due_after FROM review_log"
    )
    params: tuple[str, ...] = ()
    if card_ids is not None:
        ids = tuple(card_ids)
        query += f" WHERE card_id IN ({','.join('?' * len(ids))})"
        params = ids
    if latest is not None:
        query = f"SELECT * FROM ({query} ORDER BY id DESC LIMIT {int(latest)})"
    rows = store.conn.execute(query + " ORDER BY id", params)
    return [
        Review(
            id=r[0], card_id=r[1], reviewed_at=datetime.fromisoformat(r[2]), rating=r[3],
            duration_ms=r[4], card_type=r[5], mode=r[6], answer=r[7],
            correct=None if r[8] is None else bool(r[8]), scheduled=bool(r[9]),
            interval_days=r[10], due_after=optional_time(r[11]),
        )
        for r in rows
    ]  # fmt: skip


def record_from_json(text: str | None) -> CardRecord | None:
    """A state_before as the review log keeps it (CardRecord.to_json), or None."""
    if text is None:
        return None
    data = json.loads(text)
    for key in ("due", "last_review", "first_reviewed"):
        data[key] = optional_time(data[key])
    return CardRecord(**data)


def undo_latest_answer(store: Store) -> Review | None:
    """Take back the newest answer in the log, after its session has ended: the card is
    put back in the state the log kept with the answer (`state_before`). None when there
    is no answer. Refused (StoreError, nothing changed) when the card's state is not the
    one that answer wrote, e.g. after an import replaced it."""
    with store.tx() as conn:
        row = conn.execute(
            "SELECT id, card_id, scheduled, state_before, reviewed_at FROM review_log "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        review_id, card_id, scheduled, before_json, reviewed_at = row
        [review] = [r for r in reviews_for(store, [card_id]) if r.id == review_id]
        current = load_record(store, card_id)
        if scheduled and (current is None or current.last_review != review.reviewed_at):
            raise StoreError(
                f"the newest answer ({card_id} at {reviewed_at}) did not write the card's "
                "current state (was it imported?); nothing undone"
            )
        conn.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
        before = record_from_json(before_json)
        if scheduled:
            _put_back(conn, card_id, before)
    return replace(review, state_before=before)


def scheduled_reviews(store: Store) -> list[tuple[str, int, datetime, int]]:
    """(card id, rating, time, duration ms) of every answer that moved a schedule."""
    rows = store.conn.execute(
        "SELECT card_id, rating, reviewed_at, duration_ms FROM review_log "
        "WHERE scheduled = 1 ORDER BY reviewed_at, id"
    )
    return [(r[0], r[1], datetime.fromisoformat(r[2]), r[3]) for r in rows]
