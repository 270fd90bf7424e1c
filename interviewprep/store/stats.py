"""Aggregate queries over the review log for the stats dashboard.

Each takes an optional set of card ids (a deck filter), joined through selected_cards.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from interviewprep.store.db import Store, selected_cards
from interviewprep.store.reviews import utc_text

SCHEDULED_REVIEW = 2  # fsrs.State.Review


def count_reviews(
    store: Store, card_ids: Collection[str] | None = None, since: datetime | None = None
) -> int:
    with selected_cards(store, card_ids) as join:
        where, params = ("WHERE reviewed_at >= ?", (since.isoformat(),)) if since else ("", ())
        row = store.conn.execute(f"SELECT count(*) FROM review_log{join} {where}", params)
        return int(row.fetchone()[0])


def reviews_by_day(
    store: Store, first_day: str, card_ids: Collection[str] | None = None
) -> dict[str, int]:
    """Answers per local day from `first_day` (YYYY-MM-DD) on."""
    with selected_cards(store, card_ids) as join:
        rows = store.conn.execute(
            f"SELECT day, count(*) FROM review_log{join} WHERE day >= ? GROUP BY day",
            (first_day,),
        )
        return {r[0]: int(r[1]) for r in rows}


def active_days(
    store: Store, card_ids: Collection[str] | None = None, since_day: str | None = None
) -> list[str]:
    with selected_cards(store, card_ids) as join:
        where, params = ("WHERE day >= ?", (since_day,)) if since_day else ("", ())
        rows = store.conn.execute(
            f"SELECT DISTINCT day FROM review_log{join} {where} ORDER BY day", params
        )
        return [r[0] for r in rows]


def retention_counts(
    store: Store, since: datetime, card_ids: Collection[str] | None = None
) -> tuple[int, int]:
    """(recalled, total) answers to cards in the review state since `since`."""
    with selected_cards(store, card_ids) as join:
        row = store.conn.execute(
            f"SELECT count(*), coalesce(sum(rating > 1), 0) FROM review_log{join} "
            "WHERE scheduled = 1 AND prior_state = ? AND reviewed_at >= ?",
            (SCHEDULED_REVIEW, since.isoformat()),
        ).fetchone()
        return int(row[1]), int(row[0])


# The card's interval before an answer, in whole seconds, from the state the log kept
# with it (due - last_review): rounded, so that exactly 21 days is 21 days whatever the
# floating point of julianday() does with the microseconds.
_INTERVAL_BEFORE_S = (
    "round((julianday(json_extract(state_before, '$.due')) - "
    "julianday(json_extract(state_before, '$.last_review'))) * 86400)"
)


def true_retention_counts(
    store: Store,
    windows: Sequence[datetime],
    mature_days: int,
    card_ids: Collection[str] | None = None,
) -> dict[bool, list[tuple[int, int]]]:
    """{mature: [(passed, answers) for each window]}: scheduled answers to cards in the
    review state since each of `windows` (instants, the earliest first), split by the
    card's interval before the answer (mature: `mature_days` or more).

    Only rows since the earliest window are read, by the review_log_time index: at a
    million answers a month of them is all that is parsed.
    """
    since = [utc_text(w) for w in windows]
    sums = ", ".join(
        f"coalesce(sum(reviewed_at >= :w{i}), 0), coalesce(sum((reviewed_at >= :w{i}) * passed), 0)"
        for i in range(len(since))
    )
    params: dict[str, object] = {f"w{i}": w for i, w in enumerate(since)}
    params.update(first=since[0], prior=SCHEDULED_REVIEW, mature=mature_days * 86400)
    with selected_cards(store, card_ids) as join:
        rows = store.conn.execute(
            f"SELECT mature, {sums} FROM (SELECT reviewed_at, rating > 1 AS passed, "
            f"coalesce({_INTERVAL_BEFORE_S} >= :mature, 0) AS mature FROM review_log{join} "
            "WHERE reviewed_at >= :first AND scheduled = 1 AND prior_state = :prior) "
            "GROUP BY mature",
            params,
        ).fetchall()
    counts = {False: [(0, 0)] * len(since), True: [(0, 0)] * len(since)}
    for row in rows:
        pairs = range(len(since))
        counts[bool(row[0])] = [(int(row[2 + 2 * i]), int(row[1 + 2 * i])) for i in pairs]
    return counts


def recent_answers(store: Store, limit: int) -> list[tuple[bool, int, int]]:
    """(first answer to a new card, rating, duration ms) of the latest `limit` scheduled
    answers: the person's habits for the workload simulation, read by the primary key
    from the end, not by a scan of every answer."""
    rows = store.conn.execute(
        "SELECT prior_state IS NULL, rating, duration_ms FROM review_log "
        "WHERE scheduled = 1 ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [(bool(r[0]), int(r[1]), int(r[2])) for r in rows]


def orphan_counts(store: Store, known_ids: Collection[str]) -> dict[str, int]:
    """Rows about cards no loaded bank defines (a deck removed or renamed)."""
    with selected_cards(store, known_ids):
        counts = {}
        for table in ("card_state", "card_flags", "review_log"):
            row = store.conn.execute(
                f"SELECT count(*) FROM {table} WHERE card_id NOT IN (SELECT card_id FROM "
                "selected_cards)"
            ).fetchone()
            counts[table] = int(row[0])
        return counts
