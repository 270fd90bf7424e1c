"""The study session driven directly, with a fixed clock and no terminal."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from interviewprep.bank.library import load_files
from interviewprep.store import open_store
from interviewprep.store.reviews import load_flags, load_records, reviews_for
from interviewprep.study.scheduling import LEECH_LAPSES, make_scheduler
from interviewprep.study.session import (
    SessionOptions,
    StudySession,
    open_study,
    plan_quiz,
)
from tests.banks import bank_text

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def cards(write_bank):  # type: ignore[no-untyped-def]
    return load_files([write_bank(bank_text())]).cards


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    with open_store() as s:
        yield s


def session(store, cards, clock, *, new=20, limit=None, minutes=None) -> StudySession:  # type: ignore[no-untyped-def]
    """Today's session as the study command opens it."""
    return open_study(store, list(cards.values()), scheduler=make_scheduler(fuzz=False),
                      clock=clock, new_per_day=new, limit=limit, minutes=minutes)  # fmt: skip


def answer_all(s: StudySession, rating: int = GOOD, limit: int = 100) -> list[str]:
    seen = []
    while (card := s.next_card()) is not None and len(seen) < limit:
        seen.append(card.id)
        s.answer(rating, duration_ms=1000)
    return seen


def test_new_cards_come_in_bank_order_up_to_the_daily_limit(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=3)
    first = s.next_card()
    assert first is not None and first.id == "t-flash"
    assert s.progress().new_left == 3 and s.progress().total == 3
    s.answer(EASY, duration_ms=500)  # Easy graduates straight to review
    assert [s.next_card().id, s.progress().position] == ["t-mcq", 2]  # type: ignore[union-attr]


def test_daily_new_limit_counts_cards_introduced_earlier_today(store, cards) -> None:
    clock = FakeClock()
    answer_all(session(store, cards, clock, new=2), EASY)
    clock.advance(hours=1)
    s = session(store, cards, clock, new=3)
    assert s.progress().new_left == 1


def test_learning_steps_come_back_within_the_session(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=1)
    card = s.next_card()
    s.answer(AGAIN, duration_ms=1000)  # learning step: due again in 1 minute
    again = s.next_card()  # nothing else left: learn ahead shows it again
    assert again is card
    clock.advance(minutes=2)
    s.answer(GOOD, duration_ms=1000)  # next step, 10 minutes
    assert s.next_card() is card
    s.answer(EASY, duration_ms=1000)  # graduates: days away
    assert s.next_card() is None
    assert len(reviews_for(store)) == 3


def test_every_answer_is_committed_immediately(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=2)
    s.next_card()
    s.answer(GOOD, response="GPT", correct=True, duration_ms=2500)
    with open_store(store.path) as other:  # another connection sees it at once
        rows = reviews_for(other)
        assert [(r.card_id, r.rating, r.duration_ms, r.correct, r.answer) for r in rows] == [
            ("t-flash", GOOD, 2500, True, "GPT")
        ]
        assert rows[0].card_type == "flashcard" and rows[0].mode == "study"
        assert "t-flash" in load_records(other)


def test_due_reviews_come_first_least_retrievable_first(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=3)
    for rating in (EASY, GOOD, EASY):  # graduate, learn, graduate
        s.next_card()
        s.answer(rating, duration_ms=1000)
    answer_all(s, EASY)
    clock.advance(days=60)  # everything is overdue; the shortest interval most of all
    records = load_records(store)
    s2 = session(store, cards, clock, new=1)
    order = []
    while (card := s2.next_card()) is not None and card.id in records:
        order.append(card.id)
        s2.answer(GOOD, duration_ms=1000)
    expected = sorted(records, key=lambda c: records[c].stability)
    assert order == expected
    assert card is not None and card.id not in records  # then the new card


def test_undo_removes_the_answer_and_restores_the_state(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=2)
    first = s.next_card()
    s.answer(EASY, duration_ms=1000)
    second = s.next_card()
    s.answer(GOOD, duration_ms=1000)
    assert s.undo() is second
    assert [r.card_id for r in reviews_for(store)] == [first.id]  # type: ignore[union-attr]
    assert second.id not in load_records(store)  # type: ignore[union-attr]
    assert s.next_card() is second  # comes up again
    assert s.undo() is first and s.undo() is None
    assert reviews_for(store) == [] and load_records(store) == {}


def test_undo_restores_a_reviewed_cards_previous_state(store, cards) -> None:
    clock = FakeClock()
    answer_all(session(store, cards, clock, new=1), EASY)
    before = load_records(store)["t-flash"]
    clock.advance(days=30)
    s = session(store, cards, clock, new=0)
    assert s.next_card().id == "t-flash"  # type: ignore[union-attr]
    s.answer(AGAIN, duration_ms=1000)
    assert load_records(store)["t-flash"].lapses == 1
    s.undo()
    assert load_records(store)["t-flash"] == before


def test_rerate_replaces_the_last_answer(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=1)
    s.next_card()
    s.answer(AGAIN, correct=False, response="T5", duration_ms=1000)
    outcome = s.rerate(EASY)
    rows = reviews_for(store)
    assert [(r.rating, r.answer) for r in rows] == [(EASY, "T5")]
    assert outcome.interval_days is not None and outcome.interval_days >= 1
    assert s.next_card() is None  # no longer in learning


def test_skip_bury_suspend_and_flag(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=4)
    assert s.next_card().id == "t-flash"  # type: ignore[union-attr]
    assert s.toggle_flag() is True
    s.skip()
    assert s.next_card().id == "t-mcq"  # type: ignore[union-attr]
    s.bury()
    assert s.next_card().id == "t-multi"  # type: ignore[union-attr]
    s.suspend()
    flags = load_flags(store)
    assert flags["t-flash"].flagged
    assert flags["t-mcq"].buried_until is not None and flags["t-mcq"].buried_until > clock()
    assert flags["t-multi"].suspended
    assert reviews_for(store) == []
    # Buried until tomorrow, suspended for good; skipped and flagged ones come back.
    later = session(store, cards, clock, new=10)
    assert later.progress().new_left == 5  # 7 cards - buried - suspended
    clock.advance(days=1)
    assert session(store, cards, clock, new=10).progress().new_left == 6


def test_a_card_forgotten_eight_times_becomes_a_leech(store, cards) -> None:
    clock = FakeClock()
    one = {"t-flash": cards["t-flash"]}
    answer_all(session(store, one, clock, new=1), EASY)
    leeches = []
    for _ in range(LEECH_LAPSES):
        clock.advance(days=400)
        s = session(store, one, clock, new=0)
        s.next_card()
        leeches.append(s.answer(AGAIN, duration_ms=1000).became_leech)
        clock.advance(minutes=15)
        s.next_card()
        s.answer(EASY, duration_ms=1000)
    assert leeches == [False] * (LEECH_LAPSES - 1) + [True]
    assert load_flags(store)["t-flash"].leech


def test_limit_and_minutes_cap_a_session(store, cards) -> None:
    clock = FakeClock()
    assert len(answer_all(session(store, cards, clock, new=7, limit=3), EASY)) == 3
    s = session(store, cards, clock, new=7, minutes=1)
    s.next_card()
    s.answer(EASY, duration_ms=1000)
    clock.advance(seconds=61)
    assert s.next_card() is None


def test_quiz_records_attempts_without_moving_schedules(store, cards) -> None:
    clock = FakeClock()
    plan = plan_quiz(list(cards.values()), 4, random.Random(1))
    s = StudySession(
        store, cards, plan, scheduler=make_scheduler(fuzz=False), clock=clock,
        options=SessionOptions(mode="quiz", schedule=False),
    )  # fmt: skip
    assert len(answer_all(s, AGAIN)) == 4
    rows = reviews_for(store)
    assert len(rows) == 4 and all(r.mode == "quiz" and not r.scheduled for r in rows)
    assert load_records(store) == {}


def test_summary(store, cards) -> None:
    clock = FakeClock()
    s = session(store, cards, clock, new=2)
    s.next_card()
    s.answer(EASY, correct=True, duration_ms=1000)
    s.next_card()
    s.answer(EASY, correct=False, duration_ms=1000)
    clock.advance(seconds=90)
    summary = s.summary()
    assert (summary.answered, summary.graded, summary.correct) == (2, 2, 1)
    assert summary.accuracy == 0.5 and summary.seconds == 90
    assert summary.next_due is not None and summary.next_due > clock()
    assert summary.streak_days == 1


def test_open_study_reads_only_what_can_come_up(store, cards) -> None:
    from interviewprep.study.session import open_study

    clock = FakeClock()
    answer_all(session(store, cards, clock, new=2), EASY)  # both graduate: days away
    s = open_study(store, list(cards.values()), scheduler=make_scheduler(fuzz=False),
                   clock=clock, new_per_day=20)  # fmt: skip
    assert s.records == {}  # nothing due, nothing read
    assert s.progress().new_left == 5  # the two studied cards are not new
    assert s.summary().next_due == min(r.due for r in load_records(store).values())
