"""Load balancing: a fuzzed interval lands on the least loaded day of fsrs's own fuzz
range, never outside it; learning steps and short intervals are left alone."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating, Scheduler, State

from interviewprep.store import open_store
from interviewprep.store.reviews import CardRecord
from interviewprep.study.scheduling import (
    apply_rating,
    balanced_days,
    fuzz_range,
    make_scheduler,
)

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("interval", [3, 4, 7, 12, 20, 21, 45, 100, 365, 1000])
def test_our_fuzz_range_is_fsrs_own(interval: int) -> None:
    """Our range is the bounds fsrs computes: every day of it is one fsrs's fuzz gives.
    (fsrs rounds `random() * (max - min + 1) + min`, so it can also give max + 1, rarely;
    balancing stays within the bounds fsrs names.)"""
    scheduler = Scheduler()
    random.seed(interval)
    seen = {scheduler._get_fuzzed_interval(interval=timedelta(days=interval)).days
            for _ in range(5000)}  # fmt: skip
    span = fuzz_range(interval, scheduler.maximum_interval)
    assert span is not None
    low, high = span
    assert set(range(low, high + 1)) <= seen <= set(range(low, high + 2))


def test_short_intervals_are_not_fuzzed() -> None:
    assert fuzz_range(2, 36500) is None and fuzz_range(0, 36500) is None


def test_the_least_loaded_day_wins_ties_go_to_the_computed_interval() -> None:
    assert balanced_days(10, 8, 12, [5, 5, 1, 5, 5]) == 10
    assert balanced_days(10, 8, 12, [5, 0, 3, 4, 0]) == 9  # 9 and 12 tie: nearer 10
    assert balanced_days(10, 8, 12, [0, 5, 5, 5, 0]) == 8  # 8 and 12 equally near: earlier
    assert balanced_days(10, 8, 12, [3, 3, 3, 3, 3]) == 10


def _review_record(stability: float, elapsed_days: int) -> CardRecord:
    last = NOW - timedelta(days=elapsed_days)
    return CardRecord("c", int(State.Review), None, stability, 5.0, NOW, last, 3, 0, last)


@pytest.mark.parametrize("seed", range(20))
def test_balanced_due_is_inside_the_fuzz_range_of_the_unfuzzed_interval(seed: int) -> None:
    rng = random.Random(seed)
    scheduler = make_scheduler(fuzz=False)
    record = _review_record(rng.uniform(2, 300), rng.randint(1, 200))
    rating = rng.choice([Rating.Hard, Rating.Good, Rating.Easy])
    base = apply_rating(scheduler, "c", record, rating, NOW, 1000)
    base_days = (base.due - NOW).days
    loads: dict[int, int] = {}

    def load(now: datetime, low: int, high: int) -> list[int]:
        assert now == NOW
        return [loads.setdefault(d, rng.randint(0, 50)) for d in range(low, high + 1)]

    balanced = apply_rating(scheduler, "c", record, rating, NOW, 1000, load)
    chosen = (balanced.due - NOW) / timedelta(days=1)
    span = fuzz_range(base_days, scheduler.maximum_interval)
    assert span is not None
    assert chosen == int(chosen) and span[0] <= chosen <= span[1]
    assert loads[int(chosen)] == min(loads[d] for d in range(span[0], span[1] + 1))
    assert balanced.stability == base.stability  # only the due day moves


def test_learning_steps_are_left_where_fsrs_puts_them() -> None:
    scheduler = make_scheduler(fuzz=False)
    calls = []
    after = apply_rating(scheduler, "c", None, Rating.Good, NOW, 1000,
                         lambda *a: calls.append(a) or [])  # fmt: skip
    assert after.due == NOW + timedelta(minutes=10) and calls == []


def test_balancing_needs_a_scheduler_without_its_own_fuzz() -> None:
    with pytest.raises(ValueError, match="without it"):
        apply_rating(make_scheduler(fuzz=True), "c", _review_record(30, 30), Rating.Good,
                     NOW, 1000, lambda *a: [0] * 100)  # fmt: skip


def test_a_session_spreads_reviews_over_the_emptiest_days(write_bank) -> None:  # type: ignore[no-untyped-def]
    """Through the store: 40 cards of equal state, answered Good one after another, do
    not all land on one day; each lands inside the range of the unfuzzed interval."""
    from interviewprep.bank.library import load_files
    from interviewprep.store.reviews import _save_record
    from interviewprep.study.session import open_study

    ids = [f"c{i:02d}" for i in range(40)]
    text = "format: 1\ntitle: T\ncards:\n" + "".join(
        f"  - id: {i}\n    type: flashcard\n    prompt: p {i}?\n    answer: a\n"
        "    source: Weights\n" for i in ids
    )  # fmt: skip
    cards = load_files([write_bank(text)]).cards
    scheduler = make_scheduler(fuzz=False)
    record = _review_record(30.0, 30)
    with open_store() as store:
        with store.tx() as conn:
            for card_id in ids:
                _save_record(conn, CardRecord(card_id, *list(record.__dict__.values())[1:]))
        session = open_study(store, list(cards.values()), scheduler=scheduler,
                             clock=lambda: NOW, new_per_day=0, load_balance=True)  # fmt: skip
        days = []
        while session.next_card() is not None:
            outcome = session.answer(Rating.Good)
            assert outcome.record is not None
            days.append((outcome.record.due - NOW).days)
    base = (apply_rating(scheduler, "x", record, Rating.Good, NOW, 0).due - NOW).days
    low, high = fuzz_range(base, scheduler.maximum_interval) or (base, base)
    assert all(low <= d <= high for d in days)
    counts = [days.count(d) for d in range(low, high + 1)]
    assert max(counts) - min(counts) <= 1  # filled evenly, one day at a time
