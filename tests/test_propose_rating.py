"""propose_rating's bands: wrong is Again; right is Hard when slow, Easy when quick."""

from __future__ import annotations

import pytest

from interviewprep.bank import CardType
from interviewprep.bank.library import load_files
from interviewprep.study.grading import EXPECTED_SECONDS, Grade, propose_rating
from interviewprep.study.rating import Rating, rating_label
from tests.banks import bank_text


@pytest.fixture
def cards(write_bank):  # type: ignore[no-untyped-def]
    return load_files([write_bank(bank_text())]).cards


@pytest.mark.parametrize(
    ("share_of_expected", "rating"),
    [(0.2, Rating.EASY), (0.34, Rating.GOOD), (1.0, Rating.GOOD), (2.0, Rating.GOOD),
     (2.01, Rating.HARD), (10.0, Rating.HARD)],
)  # fmt: skip
def test_right_answers_by_time(cards, share_of_expected: float, rating: Rating) -> None:  # type: ignore[no-untyped-def]
    card = cards["t-mcq"]
    seconds = share_of_expected * EXPECTED_SECONDS[CardType.MCQ]
    assert propose_rating(card, Grade(True, 1.0, "GPT"), seconds) is rating


def test_a_wrong_answer_is_again_however_quick(cards) -> None:  # type: ignore[no-untyped-def]
    assert propose_rating(cards["t-mcq"], Grade(False, 0.0, "GPT"), 1.0) is Rating.AGAIN


@pytest.mark.parametrize(
    ("score", "rating"),
    [(1.0, Rating.GOOD), (0.75, Rating.GOOD), (0.74, Rating.HARD), (0.4, Rating.HARD),
     (0.39, Rating.AGAIN), (None, Rating.AGAIN)],
)  # fmt: skip
def test_open_answers_by_rubric_coverage(cards, score, rating) -> None:  # type: ignore[no-untyped-def]
    grade = Grade(None, score, "model answer")
    assert propose_rating(cards["t-open"], grade, 5.0) is rating


def test_labels() -> None:
    assert [r.label for r in Rating] == ["Again", "Hard", "Good", "Easy"]
    assert rating_label(3) == "Good" and rating_label(7) == "7"
