"""Katas on the FSRS scheduler, the pure part: the rating a round earns by every rule,
the kata scheduler's intervals, and the export's rules for the two new tables."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from interviewprep.errors import UserError
from interviewprep.katas.schedule import (
    RoundFacts,
    RoundOutcome,
    kata_scheduler,
    local_days_until,
    round_rating,
)
from interviewprep.store import open_store
from interviewprep.study.rating import Rating
from tests.progress_docs import sample_document

PASSED, GAVE_UP, SOLUTION = RoundOutcome.PASSED, RoundOutcome.GAVE_UP, RoundOutcome.SOLUTION
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def facts(outcome: RoundOutcome = PASSED, *, failed: int = 0, hints: int = 0,
          seconds: float = 600) -> RoundFacts:  # fmt: skip
    return RoundFacts(outcome, failed, hints, seconds)


@pytest.mark.parametrize(
    ("round_facts", "last_pass", "rating"),
    [
        (facts(SOLUTION), None, Rating.AGAIN),
        (facts(SOLUTION, seconds=1), 900.0, Rating.AGAIN),  # fast, but the answer was seen
        (facts(GAVE_UP), 900.0, Rating.AGAIN),
        (facts(failed=1), None, Rating.HARD),
        (facts(failed=3, seconds=10), 900.0, Rating.HARD),  # faster, but not at the first check
        (facts(hints=1), 900.0, Rating.HARD),
        (facts(failed=1, hints=2), None, Rating.HARD),
        (facts(seconds=300), 900.0, Rating.EASY),  # first check, no hints, faster
        (facts(seconds=900), 900.0, Rating.GOOD),  # as fast is not faster
        (facts(seconds=1200), 900.0, Rating.GOOD),
        (facts(seconds=1), None, Rating.GOOD),  # the first pass: nothing to be faster than
    ],
)
def test_the_rating_of_a_round_follows_its_outcome(
    round_facts: RoundFacts, last_pass: float | None, rating: Rating
) -> None:
    assert round_rating(round_facts, last_pass) is rating


@pytest.mark.parametrize(
    ("rating", "days"),
    [(Rating.AGAIN, 1), (Rating.HARD, 1), (Rating.GOOD, 2), (Rating.EASY, 8)],
)
def test_a_first_round_goes_straight_to_a_review_interval(rating: Rating, days: int) -> None:
    """No learning steps: a kata never comes back minutes after it was written."""
    from fsrs import Card, State

    card, _ = kata_scheduler(0.9, fuzz=False).review_card(Card(due=T0), rating, T0)
    assert card.state == State.Review and card.due - T0 == timedelta(days=days)


def test_a_lapse_goes_straight_back_to_review_too() -> None:
    from fsrs import Card, State
    from fsrs import Rating as FsrsRating

    scheduler = kata_scheduler(0.9, fuzz=False)
    card, _ = scheduler.review_card(Card(due=T0), FsrsRating.Good, T0)
    later = T0 + timedelta(days=2)
    card, _ = scheduler.review_card(card, FsrsRating.Again, later)
    assert card.state == State.Review and card.due - later == timedelta(days=1)


def test_local_days_until_counts_calendar_days_and_never_below_zero() -> None:
    assert local_days_until(T0 + timedelta(days=6), T0) == 6
    assert local_days_until(T0 - timedelta(days=3), T0) == 0
    assert local_days_until(T0, T0) == 0


# -- export and import of kata_card and kata_round ------------------------------------


def _import(tmp_path: Path, document: dict[str, Any]) -> None:
    from interviewprep.cli.data_commands import import_json

    path = tmp_path / "progress.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    import_json(path)


def _round(index: int, **change: Any) -> Any:
    return lambda d: d["kata_round"][index].update(change)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (_round(1, outcome="passed"), "kata_round[1].outcome: must be null while finished_at "
                                      "is null (an open round), got 'passed'"),
        (_round(1, rating=3), "kata_round[1].rating: must be null while finished_at is null"),
        (_round(0, rating=None), "kata_round[0].rating: must be set once finished_at is set"),
        (_round(0, outcome=None), "kata_round[0].outcome: must be set once finished_at is set"),
        (_round(0, rating=1), "kata_round[0].rating: must be 2-4 (Hard, Good, Easy) for the "
                              "outcome 'passed', got 1"),
        (_round(0, outcome="gave_up"), "kata_round[0].rating: must be 1 (Again) for the "
                                       "outcome 'gave_up', got 2"),
        (_round(0, outcome="won"), "kata_round[0].outcome: must be one of passed, gave_up, "
                                   "solution, got 'won'"),
        (_round(0, seconds=-1), "kata_round[0].seconds: must be a number, 0.0 or more"),
        (lambda d: d["kata_round"].append({**d["kata_round"][1], "id": 3}),
         "kata_round[2]: kata_round[1] is already the open row of kata and track 'softmax', "
         "'torch': only one may be"),
        (lambda d: d["kata_card"].append(dict(d["kata_card"][0])),
         "kata_card[1]: kata and track 'softmax', 'numpy' is already used by kata_card[0]"),
        (lambda d: d["kata_card"][0].update(step=0), "kata_card[0].step: must be null while "
                                                     "fsrs_state is 2 (review)"),
        (lambda d: d["kata_card"][0].update(lapses=5), "kata_card[0].lapses: cannot be more "
                                                       "than reps (1), got 5"),
    ],
)  # fmt: skip
def test_a_bad_kata_card_or_round_is_refused(tmp_path: Path, change: Any, fragment: str) -> None:
    document = sample_document()
    change(document)
    with pytest.raises(UserError) as caught:
        _import(tmp_path, document)
    assert fragment in caught.value.message


def test_an_export_from_before_the_kata_schedule_imports_with_no_rounds(tmp_path: Path) -> None:
    document = sample_document()
    del document["kata_card"], document["kata_round"]
    document["schema_version"] = 3
    _import(tmp_path, document)
    with open_store() as store:
        counts = [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("kata_progress", "kata_card", "kata_round")]  # fmt: skip
    assert counts == [1, 0, 0]


def test_kata_cards_and_rounds_survive_an_export_and_an_import(tmp_path: Path) -> None:
    from interviewprep.progress.portable import export_progress

    document = sample_document()
    _import(tmp_path, document)
    with open_store() as store:
        exported = export_progress(store, {}, T0)
    assert exported["kata_card"] == document["kata_card"]
    assert exported["kata_round"] == document["kata_round"]
