"""The session owns a card's whole turn: the screen hands it the response and gets the
grade and the proposed rating back (already saved), then hands it the rating."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from interviewprep.bank.library import load_files
from interviewprep.store import open_store
from interviewprep.store.reviews import reviews_for
from interviewprep.study.rating import Rating
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import StudySession, open_study
from tests.banks import bank_text

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def study(write_bank):  # type: ignore[no-untyped-def]
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        yield open_study(store, cards, scheduler=make_scheduler(fuzz=False),
                         clock=lambda: NOW, new_per_day=20)  # fmt: skip


def until(session: StudySession, card_id: str) -> None:
    while (card := session.next_card()) is not None and card.id != card_id:
        session.skip()
    assert card is not None, card_id


def ratings(session: StudySession, card_id: str) -> list[int]:
    return [r.rating for r in reviews_for(session.store, [card_id])]


def test_a_wrong_choice_is_saved_at_once_as_again(study: StudySession) -> None:
    until(study, "t-mcq")
    turn = study.respond("BERT", seconds=3.0)
    assert turn.missed and turn.grade is not None and turn.grade.expected == "GPT"
    assert turn.proposed is Rating.AGAIN
    assert ratings(study, "t-mcq") == [Rating.AGAIN]  # saved before the person rates
    assert study.rate(turn) is turn.outcome  # Enter keeps it: nothing more is written
    assert ratings(study, "t-mcq") == [Rating.AGAIN]
    assert [r.card_id for r in study.misses()] == ["t-mcq"]


def test_changing_the_proposed_rating_replaces_the_answer(study: StudySession) -> None:
    until(study, "t-short")
    turn = study.respond("byte pair encoding", seconds=1.0)
    assert not turn.missed and turn.proposed is Rating.EASY  # right and quick
    outcome = study.rate(turn, Rating.HARD)
    assert outcome.review.rating == Rating.HARD and outcome.review.answer == "byte pair encoding"
    assert ratings(study, "t-short") == [Rating.HARD]  # one answer, not two
    assert study.misses() == []


def test_a_flashcard_waits_for_the_persons_rating(study: StudySession) -> None:
    until(study, "t-flash")
    turn = study.respond(None, seconds=4.0)
    assert (turn.grade, turn.proposed, turn.outcome) == (None, None, None)
    assert ratings(study, "t-flash") == []
    with pytest.raises(ValueError, match="a rating is needed"):
        study.rate(turn)
    study.rate(turn, Rating.GOOD)
    assert ratings(study, "t-flash") == [Rating.GOOD]


def test_ticked_choices_and_blanks_are_logged_as_given(study: StudySession) -> None:
    until(study, "t-multi")
    turn = study.respond(["BPE", "WordPiece"], seconds=5.0)
    assert turn.outcome is not None and turn.outcome.review.answer == "BPE; WordPiece"
    until(study, "t-cloze")
    turn = study.respond(["sqrt(d_k)", "softmax"], seconds=5.0)
    assert turn.outcome is not None and turn.outcome.review.answer == "sqrt(d_k) | softmax"
    assert not turn.missed


def test_a_scheduled_quiz_rerates_and_undoes_like_study(write_bank) -> None:  # type: ignore[no-untyped-def]
    import random

    from interviewprep.store.reviews import load_record
    from interviewprep.study.session import open_quiz

    cards = [c for c in load_files([write_bank(bank_text())]).cards.values()
             if c.id in ("t-mcq", "t-short")]  # fmt: skip
    with open_store() as store:
        quiz = open_quiz(store, cards, scheduler=make_scheduler(fuzz=False),
                         clock=lambda: NOW, count=None, schedule=True,
                         rng=random.Random(3))  # fmt: skip
        until(quiz, "t-short")
        turn = quiz.respond("byte pair encoding", seconds=1.0)
        assert turn.outcome is not None and turn.outcome.record is not None  # scheduled
        rerated = quiz.rate(turn, Rating.HARD)
        assert rerated.record is not None and rerated.review.mode == "quiz"
        assert load_record(store, "t-short") == rerated.record  # the re-rated state is stored
        assert ratings(quiz, "t-short") == [Rating.HARD]
        quiz.undo()
        assert load_record(store, "t-short") is None and ratings(quiz, "t-short") == []


def test_an_unscheduled_quiz_leaves_the_schedule_alone(write_bank) -> None:  # type: ignore[no-untyped-def]
    import random

    from interviewprep.store.reviews import load_record
    from interviewprep.study.session import open_quiz

    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        quiz = open_quiz(store, cards, scheduler=make_scheduler(fuzz=False),
                         clock=lambda: NOW, count=None, schedule=False,
                         rng=random.Random(3))  # fmt: skip
        until(quiz, "t-short")
        turn = quiz.respond("word piece", seconds=1.0)
        quiz.rate(turn, Rating.GOOD)
        assert load_record(store, "t-short") is None
        assert ratings(quiz, "t-short") == [Rating.GOOD]
        quiz.undo()
        assert ratings(quiz, "t-short") == []
