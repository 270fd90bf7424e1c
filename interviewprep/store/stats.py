"""Aggregate queries over the review log for the stats dashboard.

Each takes an optional set of card ids (a deck filter), joined through selected_cards.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from interviewprep.store.db import Store, selected_cards

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
