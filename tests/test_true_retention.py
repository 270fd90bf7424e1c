"""The true-retention table of `stats`: exact counts against a hand-built review log,
the young/mature line at 21 days and the today/week/month windows (local days)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interviewprep.progress.stats import PassRate, RetentionSplit, compute_stats
from interviewprep.store import open_store
from interviewprep.store import stats as queries
from interviewprep.store.db import Store
from interviewprep.store.reviews import CardRecord, Review, record_review

NOW = datetime(2026, 2, 20, 17, 0, tzinfo=timezone.utc)  # noon in New York (UTC-5)
LEARNING, REVIEW = 1, 2
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
MATURE = timedelta(days=21)
SECOND = timedelta(seconds=1)


# Local days, streaks and the forecast are read in New York (conftest.py's new_york).
pytestmark = pytest.mark.usefixtures("new_york")


def utc(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=timezone.utc)


def answer(
    card_id: str,
    when: datetime,
    rating: int,
    interval: timedelta | None,
    *,
    prior: int = REVIEW,
    scheduled: bool = True,
) -> Review:
    """An answer at `when` to a card whose interval before it was `interval` (due an
    hour before the answer; None: a new card, no state before)."""
    before = None
    if interval is not None:
        due = when - timedelta(hours=1, microseconds=250)  # stored with microseconds
        before = CardRecord(card_id, prior, None, 10.0, 5.0, due, due - interval, 3, 0,
                            due - interval - timedelta(days=5))  # fmt: skip
    return Review(card_id=card_id, reviewed_at=when, rating=rating, duration_ms=5000,
                  card_type="flashcard", mode="study" if scheduled else "quiz",
                  scheduled=scheduled, state_before=before)  # fmt: skip


# Local midnights (New York, UTC-5 in February): today Feb 20 05:00 UTC, the week from
# Feb 14 05:00 UTC, the month (30 local days) from Jan 22 05:00 UTC.
LOG = [
    answer("a", utc(2, 20, 5), GOOD, MATURE),  # today's first instant: mature, passed
    answer("b", utc(2, 20, 16), AGAIN, MATURE - SECOND),  # young (a second short): failed
    answer("c", utc(2, 20, 16, 30), HARD, timedelta(days=3)),  # Hard passes: young, passed
    answer("d", utc(2, 20, 16, 40), AGAIN, timedelta(days=30), scheduled=False),  # a quiz
    answer("e", utc(2, 20, 16, 50), AGAIN, timedelta(minutes=10), prior=LEARNING),
    answer("f", utc(2, 20, 16, 55), AGAIN, None),  # a new card's first answer
    answer("g", utc(2, 20, 4, 59, 59), EASY, timedelta(days=40)),  # 23:59:59 yesterday
    answer("h", utc(2, 14, 5), AGAIN, timedelta(days=25)),  # the week's first instant
    answer("i", utc(2, 14, 4, 59, 59), GOOD, timedelta(days=10)),  # a second before it
    answer("j", utc(1, 22, 5), AGAIN, timedelta(days=100)),  # the month's first instant
    answer("k", utc(1, 22, 4, 59, 59), GOOD, timedelta(days=5)),  # outside the month
]


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    with open_store() as opened:
        for row in LOG:
            record_review(opened, row, None)
        yield opened


def rate(passed: int, reviews: int) -> PassRate:
    return PassRate(passed, reviews, round(passed / reviews, 4) if reviews else None)


def test_the_table_counts_each_window_exactly(store: Store) -> None:
    table = compute_stats(store, [], NOW, desired_retention=0.9, new_per_day=20,
                          kata_total=0).true_retention  # fmt: skip
    assert table.mature_days == 21 and table.desired_retention == 0.9
    assert table.today == RetentionSplit(young=rate(1, 2), mature=rate(1, 1), all=rate(2, 3))
    assert table.week == RetentionSplit(young=rate(1, 2), mature=rate(2, 3), all=rate(3, 5))
    assert table.month == RetentionSplit(young=rate(2, 3), mature=rate(2, 4), all=rate(4, 7))


def test_a_window_without_answers_has_no_rate(store: Store) -> None:
    later = NOW + timedelta(days=45)  # nothing in the last 30 days
    table = compute_stats(store, [], later, desired_retention=0.85, new_per_day=20,
                          kata_total=0).true_retention  # fmt: skip
    empty = RetentionSplit(young=rate(0, 0), mature=rate(0, 0), all=rate(0, 0))
    assert table.today == table.week == table.month == empty
    assert table.month.all.retention is None


def test_the_deck_filter_counts_only_its_cards(store: Store) -> None:
    starts = [utc(1, 22, 5), utc(2, 14, 5), utc(2, 20, 5)]
    counts = queries.true_retention_counts(store, starts, 21, {"a", "b", "j", "d"})
    assert counts == {False: [(0, 1), (0, 1), (0, 1)], True: [(1, 2), (1, 1), (1, 1)]}


def test_only_the_month_is_read_through_the_time_index(store: Store) -> None:
    # At a million answers the table must not scan the log: the month's rows are found
    # by review_log_time (the query's plan, not a timing, so it holds on any machine).
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    queries.true_retention_counts(store, [utc(1, 22, 5), utc(2, 20, 5)], 21)
    store.conn.set_trace_callback(None)
    [query] = [s for s in statements if s.lstrip().startswith("SELECT")]
    plan = " ".join(str(tuple(row)) for row in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "USING INDEX review_log_time (reviewed_at>?)" in plan, plan


def test_stats_json_has_the_table(store: Store) -> None:
    import json

    from tests.cli import run_cli

    result = run_cli("stats", "--json")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)["true_retention"]
    assert set(table) == {"mature_days", "desired_retention", "today", "week", "month"}
    assert set(table["month"]) == {"young", "mature", "all"}
    assert set(table["month"]["young"]) == {"passed", "reviews", "retention"}
