"""The schedule pinned: for fixed times and no fuzz, the exact due time after each rating.

The expected values are fsrs 6's own (checked against fsrs.Scheduler directly below),
so an upgrade of fsrs, a change of its defaults or of our conversion shows up here.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, State

from interviewprep.store.reviews import CardRecord
from interviewprep.study.scheduling import apply_rating, fsrs_card_id, make_scheduler

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
SCHEDULER = make_scheduler(fuzz=False)


@pytest.mark.parametrize(
    ("rating", "state", "due_in"),
    [
        (Rating.Again, State.Learning, timedelta(minutes=1)),
        (Rating.Hard, State.Learning, timedelta(minutes=5, seconds=30)),
        (Rating.Good, State.Learning, timedelta(minutes=10)),
        (Rating.Easy, State.Review, timedelta(days=8)),
    ],
)
def test_a_new_card(rating: Rating, state: State, due_in: timedelta) -> None:
    record = apply_rating(SCHEDULER, "c", None, rating, NOW, 4000)
    assert (State(record.fsrs_state), record.due - NOW) == (state, due_in)
    assert (record.reps, record.lapses, record.first_reviewed) == (1, 0, NOW)
    theirs, _ = SCHEDULER.review_card(FsrsCard(card_id=fsrs_card_id("c"), due=NOW), rating, NOW)
    assert record.due == theirs.due and record.stability == theirs.stability


def graduated() -> CardRecord:
    """Good, then Good when due: in review with a 2-day interval."""
    first = apply_rating(SCHEDULER, "c", None, Rating.Good, NOW, 4000)
    second = apply_rating(SCHEDULER, "c", first, Rating.Good, first.due, 4000)
    assert State(second.fsrs_state) == State.Review
    assert second.due - first.due == timedelta(days=2)
    return second


@pytest.mark.parametrize(
    ("rating", "state", "due_in", "lapses"),
    [
        (Rating.Again, State.Relearning, timedelta(minutes=10), 1),
        (Rating.Hard, State.Review, timedelta(days=8), 0),
        (Rating.Good, State.Review, timedelta(days=11), 0),
        (Rating.Easy, State.Review, timedelta(days=19), 0),
    ],
)
def test_a_card_in_review_when_due(
    rating: Rating, state: State, due_in: timedelta, lapses: int
) -> None:
    before = graduated()
    after = apply_rating(SCHEDULER, "c", before, rating, before.due, 4000)
    assert (State(after.fsrs_state), after.due - before.due) == (state, due_in)
    assert (after.reps, after.lapses) == (3, lapses)  # a lapse is Again on a review card


def test_again_while_learning_is_no_lapse() -> None:
    first = apply_rating(SCHEDULER, "c", None, Rating.Good, NOW, 4000)
    again = apply_rating(SCHEDULER, "c", first, Rating.Again, first.due, 4000)
    assert State(again.fsrs_state) == State.Learning and again.lapses == 0


def test_timezone_naive_times_are_refused_by_fsrs() -> None:
    with pytest.raises(ValueError):
        apply_rating(SCHEDULER, "c", None, Rating.Good, NOW.replace(tzinfo=None), 4000)
