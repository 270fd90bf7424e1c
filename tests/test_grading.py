"""Grading each card type, typo tolerance, numbers with units, proposed ratings."""

from __future__ import annotations

import pytest

from interviewprep.bank import Card
from interviewprep.bank.library import load_files
from interviewprep.study.grading import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    grade_response,
    normalise,
    parse_number,
    propose_rating,
    text_matches,
)
from tests.banks import bank_text


@pytest.fixture
def cards(write_bank) -> dict[str, Card]:
    return load_files([write_bank(bank_text())]).cards


def test_normalise_ignores_case_hyphens_punctuation() -> None:
    assert normalise("  Byte-Pair   Encoding! ") == "byte pair encoding"
    assert normalise("Café") == "cafe"


@pytest.mark.parametrize(
    ("given", "ok"),
    [
        ("byte-pair encoding", True),
        ("Byte Pair Encoding", True),
        ("bytepair encoding", True),
        ("byte pair encodng", True),  # one typo
        ("bite pair encodng", True),  # two typos in a long answer
        ("bite pear encodeing", False),  # three is too many
        ("word piece", False),
        ("", False),
    ],
)
def test_short_answers_forgive_typos_not_wrong_answers(cards, given: str, ok: bool) -> None:
    assert grade_response(cards["t-short"], given).correct is ok


def test_infinity_sign_reads_as_inf() -> None:
    assert text_matches("−∞", ["-inf"])
    assert text_matches("-∞", ["-inf"])


def test_short_answers_get_no_typo_budget() -> None:
    assert not text_matches("gpt", ["gpu"])
    assert text_matches("GPT", ["gpt"])


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("350", [350.0]),
        ("350 GB", [350.0]),
        ("1,750", [1750.0]),
        ("3.4e12 bytes", [3.4e12]),
        ("175B", [175.0, 175e9]),
        ("1.7 trillion", [1.7, 1.7e12]),
        ("about -3.5", [-3.5]),
        ("no number", []),
        ("3.15 x 10^23 FLOPs", [3.15e23]),
        ("2×10**9", [2e9]),
    ],
)
def test_parse_number(text: str, readings: list[float]) -> None:
    assert parse_number(text) == pytest.approx(readings)


@pytest.mark.parametrize(
    ("given", "ok"), [("350", True), ("340 GB", True), ("367", True), ("368", False), ("", False)]
)
def test_numeric_within_relative_tolerance_units_ignored(cards, given: str, ok: bool) -> None:
    assert grade_response(cards["t-numeric"], given).correct is ok


def test_mcq_and_multi(cards) -> None:
    assert grade_response(cards["t-mcq"], "GPT").correct is True
    assert grade_response(cards["t-mcq"], "BERT").correct is False
    multi = cards["t-multi"]
    assert grade_response(multi, ["WordPiece", "BPE"]).correct is True
    partial = grade_response(multi, ["BPE"])
    assert partial.correct is False
    assert partial.parts == (True, False, True)  # BPE ticked, WordPiece missed, Whitespace left


def test_cloze_checks_every_blank_with_alternatives(cards) -> None:
    cloze = cards["t-cloze"]
    assert grade_response(cloze, ["√d_k", "Softmax"]).correct is True
    assert grade_response(cloze, ["sqrt(d_k)", "softmax"]).correct is True
    wrong = grade_response(cloze, ["d_k", "softmax"])
    assert wrong.correct is False and wrong.parts == (False, True)
    assert wrong.expected == "sqrt(d_k); softmax"


def test_open_answer_rubric_coverage(cards) -> None:
    card = cards["t-open"]
    grade = grade_response(card, "Each query is compared with every key, then the softmax...")
    assert grade.correct is None
    assert grade.parts == (True, True)
    assert grade_response(card, "I am not sure").parts == (False, False)


def test_proposed_rating_from_correctness_and_time(cards) -> None:
    mcq = cards["t-mcq"]
    right, wrong = grade_response(mcq, "GPT"), grade_response(mcq, "T5")
    assert propose_rating(mcq, wrong, 3) == AGAIN
    assert propose_rating(mcq, right, 2) == EASY
    assert propose_rating(mcq, right, 8) == GOOD
    assert propose_rating(mcq, right, 60) == HARD
    card = cards["t-open"]
    assert propose_rating(card, grade_response(card, "query key softmax"), 100) == GOOD
    assert propose_rating(card, grade_response(card, "nothing"), 100) == AGAIN


def test_keywords_match_at_word_starts_only() -> None:
    from interviewprep.study.grading import keyword_hit

    assert keyword_hit("we verify every claim", "verif")
    assert not keyword_hit("the average score", "rag")
    assert keyword_hit("use rag with citations", "rag")
    assert keyword_hit("retrieval augmented generation", "retrieval-augmented")
    assert keyword_hit("a sofmax over scores", "softmax")  # one typo in a long word


def test_numbers_in_the_units_of_the_card(write_bank) -> None:
    text = (
        bank_text("numeric")
        .replace("answer: 350", "answer: 175")
        .replace("unit: GB", "unit: billion parameters")
    )
    card = load_files([write_bank(text)]).cards["t-numeric"]
    assert grade_response(card, "175").correct
    assert grade_response(card, "1.75e11").correct
    assert grade_response(card, "175B").correct
    assert not grade_response(card, "1.75e9").correct


def test_a_typographic_minus_and_full_width_digits_are_numbers() -> None:
    from interviewprep.study.grading import parse_number

    assert parse_number("−1.22") == [-1.22]
    assert parse_number("１２８") == [128.0]


def test_comparison_symbols_keep_their_meaning() -> None:
    from interviewprep.study.grading import text_matches

    assert text_matches("j ≤ i", ["j <= i"])
    assert text_matches("j<=i", ["j ≤ i"])
    assert not text_matches("j >= i", ["j <= i"])
    assert not text_matches("j > i", ["j <= i"])


def test_no_typo_is_forgiven_in_a_digit_or_a_sign() -> None:
    from interviewprep.study.grading import text_matches

    assert not text_matches("ddof=0", ["ddof=1"])
    assert text_matches("ddof = 1", ["ddof=1"])
    assert not text_matches("x2", ["-x2"]) and not text_matches("-x2", ["x2"])
    assert text_matches("-x2", ["−x2"])
    assert text_matches("byte-pair encoding", ["byte pair encoding"])  # hyphens still free
    assert text_matches("concatenate(-x2, x1)", ["concatenate(-x2, x1)"])


def test_fractions_are_numbers() -> None:
    from interviewprep.study.grading import parse_number

    assert parse_number("-2/9") == [-2 / 9]
    assert parse_number("1/3 of it") == [1 / 3]
    assert parse_number("1/0") == [1.0]  # not a fraction: the first number is read
