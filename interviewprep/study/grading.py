"""Grading typed and chosen answers, and proposing a rating from correctness and time.

Pure functions of the card and the response: no clock, no terminal, no store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from interviewprep.bank import Card, CardType
from interviewprep.bank.answers import expected_answer
from interviewprep.study.rating import Rating

AGAIN, HARD, GOOD, EASY = Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY
RATING_NAMES = {r: r.label for r in Rating}

# Seconds a prepared person takes to answer each type; twice this is "slow".
EXPECTED_SECONDS = {
    CardType.MCQ: 12,
    CardType.MULTI: 20,
    CardType.CLOZE: 15,
    CardType.SHORT: 15,
    CardType.NUMERIC: 25,
    CardType.FLASHCARD: 15,
    CardType.OPEN: 180,
}


@dataclass(frozen=True)
class Grade:
    """The verdict on one response.

    correct is None for self-graded types (flashcard, open); score is the share of
    parts right (blanks, choices, rubric points); parts says which parts were right.
    """

    correct: bool | None
    score: float | None
    expected: str
    parts: tuple[bool, ...] = ()


_PUNCT = re.compile(r"[^\w\s.+*/^=√%<>~-]")
_SIGN = re.compile(r"(?<![\w)\]])-(?=[\w(.√])")
# Comparisons are answers too: "≤" and "<=" must match each other, and not ">=".
_SYMBOLS = {"∞": "inf", "−": "-", "≤": "<=", "≥": ">="}
# Typos are forgiven in words only: never in an operator ("<=" is not ">="), a sign or
# a digit ("ddof=0" is not "ddof=1").
_EXACT_PARTS = re.compile(r"[<>=+*/^~\d]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case, width, accents, spacing, hyphens and most punctuation do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for symbol, spelled in _SYMBOLS.items():  # "−∞" is how people write -inf
        text = text.replace(symbol, spelled)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # A minus sign (not a hyphen inside a word) is kept: "-x2" is not "x2".
    text = _SIGN.sub("~", text)
    text = text.replace("-", " ").replace("_", " ")
    text = _PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text.strip(" .")


def typo_budget(length: int) -> int:
    """Edits forgiven: none for short answers (where one letter is another word)."""
    if length <= 4:
        return 0
    if length <= 9:
        return 1
    return 2 if length <= 20 else 3


def text_matches(given: str, accepted: Iterable[str]) -> bool:
    answer = normalise(given)
    if not answer:
        return False
    for option in accepted:
        target = normalise(option)
        if answer == target or answer.replace(" ", "") == target.replace(" ", ""):
            return True
        budget = typo_budget(len(target))
        same_parts = _EXACT_PARTS.findall(answer) == _EXACT_PARTS.findall(target)
        if budget and same_parts and Levenshtein.distance(
            answer, target, score_cutoff=budget
        ) <= budget:
            return True
    return False


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?", re.IGNORECASE)
_FRACTION = re.compile(
    r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*/\s*(\d+(?:\.\d*)?|\.\d+)(?![\d.])"
)
_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12,
}  # fmt: skip


def parse_number(text: str) -> list[float]:
    """The readings of a typed number: as written, and scaled by a K/M/B/T suffix.

    Units after the number are ignored ("350 GB" is 350); "175B" may mean 175 or 1.75e11
    depending on the card's unit, so both readings are returned.
    """
    # NFKC reads full-width digits; U+2212 is the minus sign typography puts before numbers.
    text = unicodedata.normalize("NFKC", text).replace("−", "-")
    cleaned = re.sub(r"(?<=\d)[,_\s](?=\d{3}\b)", "", text.strip())
    # "3.15 x 10^23", "3.15×10**23" -> 3.15e23
    cleaned = re.sub(r"(\d(?:[\d.]*))\s*[x×*·]\s*10\s*(?:\^|\*\*)\s*([-+]?\d+)", r"\1e\2", cleaned)
    fraction = _FRACTION.match(cleaned)
    if fraction and float(fraction.group(2)) != 0:  # "-2/9" is a number too
        return [float(fraction.group(1)) / float(fraction.group(2))]
    match = _NUMBER.search(cleaned)
    if not match:
        return []
    try:
        value = float(match.group())
    except ValueError:
        return []
    readings = [value]
    rest = cleaned[match.end() :].strip().lower()
    word = re.match(r"[a-z]+", rest)
    if word and word.group() in _MULTIPLIERS:
        readings.append(value * _MULTIPLIERS[word.group()])
    return readings


def unit_scale(unit: str | None) -> float | None:
    """The multiplier a unit such as "billion parameters" or "B tokens" implies."""
    word = re.match(r"\s*([A-Za-z]+)", unit or "")
    if not word:
        return None
    name = word.group(1)
    return _MULTIPLIERS.get(name.lower()) if len(name) > 1 or name in "KMBT" else None


def within_tolerance(card: Card, value: float) -> bool:
    assert isinstance(card.answer, float)
    allowed = card.tolerance * abs(card.answer) if card.tolerance_relative else card.tolerance
    # A hair of slack so 0.1 + 0.2 style rounding never fails an exact answer.
    return abs(value - card.answer) <= allowed + 1e-9 * max(1.0, abs(card.answer))


def keyword_hit(answer: str, keyword: str) -> bool:
    """A keyword counts when a word of the answer starts with it ("verif" hits "verify",
    "rag" does not hit "average"); single words are also forgiven a typo."""
    key = normalise(keyword)
    if not key:
        return False
    if re.search(r"(?<!\w)" + re.escape(key), answer):
        return True
    if " " in key:
        return False
    budget = typo_budget(len(key))
    return budget > 0 and any(
        Levenshtein.distance(word, key, score_cutoff=budget) <= budget for word in answer.split()
    )


def grade_mcq(card: Card, choice: str) -> Grade:
    return Grade(choice == card.answer, float(choice == card.answer), str(card.answer))


def grade_multi(card: Card, chosen: Sequence[str]) -> Grade:
    right = set(card.answers)
    picked = set(chosen)
    parts = tuple((c in right) == (c in picked) for c in card.choices)
    return Grade(picked == right, sum(parts) / len(parts), expected_answer(card), parts)


def grade_cloze(card: Card, responses: Sequence[str]) -> Grade:
    padded = (list(responses) + [""] * len(card.blanks))[: len(card.blanks)]
    parts = tuple(text_matches(r, v) for r, v in zip(padded, card.blanks, strict=True))
    return Grade(all(parts), sum(parts) / len(parts), expected_answer(card), parts)


def grade_numeric(card: Card, response: str) -> Grade:
    readings = parse_number(response)
    scale = unit_scale(card.unit)
    if scale:  # 1.75e11 typed for a card counted in billions is 175 of them
        readings += [r / scale for r in readings]
    ok = any(within_tolerance(card, v) for v in readings)
    return Grade(ok, float(ok), expected_answer(card))


def grade_short(card: Card, response: str) -> Grade:
    ok = text_matches(response, [str(card.answer), *card.accept])
    return Grade(ok, float(ok), str(card.answer))


def grade_open(card: Card, response: str) -> Grade:
    answer = normalise(response)
    parts = tuple(any(keyword_hit(answer, k) for k in p.keywords) for p in card.rubric)
    return Grade(None, sum(parts) / len(parts), str(card.answer), parts)


def grade_response(card: Card, response: str | Sequence[str]) -> Grade:
    """Grade any auto-gradable card; lists are the chosen choices or the blanks."""
    if card.type is CardType.MCQ:
        return grade_mcq(card, str(response))
    if card.type is CardType.MULTI:
        return grade_multi(card, list(response))
    if card.type is CardType.CLOZE:
        return grade_cloze(card, [response] if isinstance(response, str) else list(response))
    if card.type is CardType.NUMERIC:
        return grade_numeric(card, str(response))
    if card.type is CardType.SHORT:
        return grade_short(card, str(response))
    if card.type is CardType.OPEN:
        return grade_open(card, str(response))
    raise ValueError(f"{card.type.value} cards are self-graded")


def propose_rating(card: Card, grade: Grade, seconds: float) -> Rating:
    """Wrong is Again; right is Good, Hard when slow, Easy when quick.

    Open answers go by rubric coverage, since only the person can judge them fully.
    """
    if grade.correct is None:
        score = grade.score or 0.0
        return GOOD if score >= 0.75 else HARD if score >= 0.4 else AGAIN
    if not grade.correct:
        return AGAIN
    expected = EXPECTED_SECONDS[card.type]
    if seconds > 2 * expected:
        return HARD
    if seconds < expected / 3:
        return EASY
    return GOOD
