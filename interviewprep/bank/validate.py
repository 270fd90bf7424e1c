"""Turn one parsed card mapping into a Card, or into problems that say what to fix."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from interviewprep.bank.model import (
    BEYOND_PREFIX,
    BLANK_PATTERN,
    Card,
    CardType,
    Difficulty,
    Problem,
    RubricPoint,
)
from interviewprep.bank.yamlsafe import HugeNumber
from interviewprep.errors import did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
PERCENT_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
KATA_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A reference names its year so the same fact is dated the same way in every deck.
YEAR_PATTERN = re.compile(r"\b(19|20)\d{2}\b")

COMMON_REQUIRED = ("id", "type", "prompt", "explanation", "tags", "difficulty", "source")
COMMON_OPTIONAL = ("note", "kata", "refs")
TYPE_REQUIRED: dict[CardType, tuple[str, ...]] = {
    CardType.FLASHCARD: ("answer",),
    CardType.MCQ: ("choices", "answer"),
    CardType.MULTI: ("choices", "answers"),
    CardType.CLOZE: (),
    CardType.NUMERIC: ("answer", "tolerance"),
    CardType.SHORT: ("answer",),
    CardType.OPEN: ("answer", "rubric"),
}
TYPE_OPTIONAL: dict[CardType, tuple[str, ...]] = {
    CardType.NUMERIC: ("unit",),
    CardType.SHORT: ("accept",),
}
CHOICE_LIMITS = {CardType.MCQ: (2, 8), CardType.MULTI: (2, 10)}
RUBRIC_LIMITS = (2, 10)
TYPE_NAMES = ", ".join(t.value for t in CardType)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, HugeNumber):
        return repr(value)
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"


class CardChecker:
    """Collects the problems of one card; each check returns the clean value or None."""

    def __init__(self, file: Path, card_line: int, lines: dict[str, int], card_id: str | None):
        self.file = file
        self.card_line = card_line
        self.lines = lines
        self.card_id = card_id
        self.problems: list[Problem] = []

    def report(self, message: str, field: str | None = None) -> None:
        line = self.lines.get(field, self.card_line) if field else self.card_line
        self.problems.append(Problem(self.file, line, self.card_id, message))

    def text(self, raw: dict[str, Any], field: str) -> str | None:
        value = raw.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, str):
            self.report(f"'{field}' is empty; expected text", field)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.report(
                f"'{field}' must be text, got {_describe(value)}; put it in quotes: \"{value}\"",
                field,
            )
        else:
            self.report(f"'{field}' must be text, got {_describe(value)}", field)
        return None

    def text_list(
        self, raw: dict[str, Any], field: str, *, minimum: int = 0, maximum: int | None = None
    ) -> tuple[str, ...] | None:
        value = raw.get(field)
        if not isinstance(value, list):
            self.report(f"'{field}' must be a list of texts, got {_describe(value)}", field)
            return None
        bad = [item for item in value if not (isinstance(item, str) and item.strip())]
        if bad:
            self.report(
                f"every item of '{field}' must be non-empty text; "
                f"found {_describe(bad[0])}"
                + (f': quote it as "{bad[0]}"' if bad[0] is not None else ""),
                field,
            )
            return None
        items = tuple(item.strip() for item in value)
        if len(items) < minimum or (maximum is not None and len(items) > maximum):
            bounds = f"{minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
            self.report(f"'{field}' has {len(items)} items; expected {bounds}", field)
            return None
        dupes = sorted({i for i in items if items.count(i) > 1})
        if dupes:
            self.report(f"'{field}' lists {dupes[0]!r} more than once", field)
            return None
        return items

    def choice_of(self, value: str, choices: Collection[str], field: str) -> bool:
        if value not in choices:
            self.report(f"'{field}' {value!r} is not one of the choices", field)
            return False
        return True


def _check_fields(checker: CardChecker, raw: dict[str, Any], card_type: CardType | None) -> None:
    required = list(COMMON_REQUIRED)
    allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL)
    if card_type is not None:
        required += TYPE_REQUIRED[card_type]
        allowed |= set(TYPE_REQUIRED[card_type]) | set(TYPE_OPTIONAL.get(card_type, ()))
    for name in required:
        if name not in raw:
            what = (
                f"a {card_type.value} card"
                if card_type and name not in COMMON_REQUIRED
                else "every card"
            )
            checker.report(f"missing field '{name}' ({what} needs it)")
    if card_type is None:
        return
    for name in raw:
        if name not in allowed:
            expected = sorted(allowed)
            checker.report(
                f"unknown field '{name}' for a {card_type.value} card; "
                f"{did_you_mean(str(name), expected)}allowed: {', '.join(expected)}",
                name,
            )


def _check_common(
    checker: CardChecker, raw: dict[str, Any], sections: Collection[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("prompt", "explanation", "note"):
        if name in raw:
            out[name] = checker.text(raw, name)
    if "tags" in raw:
        out["tags"] = checker.text_list(raw, "tags")
    if "difficulty" in raw:
        value = raw["difficulty"]
        try:
            out["difficulty"] = Difficulty(value)
        except (ValueError, TypeError):
            checker.report(
                f"'difficulty' is {value!r}; expected one of easy, medium, hard", "difficulty"
            )
    if "source" in raw:
        source = checker.text(raw, "source")
        if source is not None:
            beyond = source.startswith(BEYOND_PREFIX) and source[len(BEYOND_PREFIX) :].strip()
            if source in sections or beyond:
                out["source"] = source
            else:
                checker.report(
                    f"'source' {source!r} is not a section of the guide; use a name from "
                    f"guide-sections.tsv exactly, or start it with '{BEYOND_PREFIX} topic'",
                    "source",
                )
    if "kata" in raw:
        out["kata"] = _check_kata(checker, raw)
    if "refs" in raw:
        out["refs"] = _check_refs(checker, raw)
    return out


def _check_kata(checker: CardChecker, raw: dict[str, Any]) -> str | None:
    name = checker.text(raw, "kata")
    if name is not None and not KATA_PATTERN.match(name):
        checker.report(
            f"'kata' {name!r} is not a kata name; expected one like 'softmax' or "
            "'multi-head-attention' (see `interviewprep kata list`)",
            "kata",
        )
        return None
    return name


def _check_refs(checker: CardChecker, raw: dict[str, Any]) -> tuple[str, ...] | None:
    refs = checker.text_list(raw, "refs", minimum=1)
    if refs is None:
        return None
    undated = [ref for ref in refs if not YEAR_PATTERN.search(ref)]
    if undated:
        checker.report(
            f"every item of 'refs' names its source with the year, as "
            f"'Vaswani et al. 2017, Attention Is All You Need'; {undated[0]!r} has no year",
            "refs",
        )
        return None
    return refs


def _check_mcq(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    lo, hi = CHOICE_LIMITS[CardType.MCQ]
    choices = (
        checker.text_list(raw, "choices", minimum=lo, maximum=hi) if "choices" in raw else None
    )
    answer = checker.text(raw, "answer") if "answer" in raw else None
    if choices is not None and answer is not None and checker.choice_of(answer, choices, "answer"):
        out.update(choices=choices, answer=answer)


def _check_multi(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    lo, hi = CHOICE_LIMITS[CardType.MULTI]
    choices = (
        checker.text_list(raw, "choices", minimum=lo, maximum=hi) if "choices" in raw else None
    )
    answers = checker.text_list(raw, "answers", minimum=1) if "answers" in raw else None
    if choices is not None and answers is not None:
        if all(checker.choice_of(a, choices, "answers") for a in answers):
            out.update(choices=choices, answers=answers)


def _check_cloze(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    prompt = out.get("prompt")
    if prompt is None:
        return
    found = BLANK_PATTERN.findall(prompt)
    if not found:
        checker.report(
            "a cloze card needs at least one blank in its prompt, written {{answer}} "
            "(alternatives: {{answer|other}})",
            "prompt",
        )
        return
    blanks = []
    for text in found:
        variants = tuple(v.strip() for v in text.split("|") if v.strip())
        if not variants:
            checker.report("the prompt has an empty blank {{}}; put the answer inside it", "prompt")
            return
        blanks.append(variants)
    out["blanks"] = tuple(blanks)


FLOAT_TEXT = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
# Answers are compared, multiplied and printed as floats, so each must be finite; no
# quantity an interview asks about comes near this (the universe holds ~1e80 atoms).
NUMBER_LIMIT = 1e100
RANGE = "a finite number from -1e100 to 1e100"


def _number(value: Any) -> float | None:
    """A YAML number as a float (perhaps inf or nan); also text like 1.75e11, which
    YAML 1.1 reads as a string. None when it is no number at all."""
    if isinstance(value, bool):
        return None
    if isinstance(value, HugeNumber):
        return math.inf
    if isinstance(value, int):  # compared first: float() of a larger int can overflow
        return float(value) if abs(value) <= NUMBER_LIMIT else math.inf
    if isinstance(value, float):
        return value
    if isinstance(value, str) and FLOAT_TEXT.match(value):
        return float(value)
    return None


def _in_range(number: float) -> bool:
    return math.isfinite(number) and abs(number) <= NUMBER_LIMIT


def _number_text(value: Any, number: float) -> str:
    """A number for a message, never spelled out in full when it is huge."""
    if isinstance(value, HugeNumber):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"a number of {len(str(abs(value))):,} digits"
    return f"a number ({number:g})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _check_numeric(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    answer = raw.get("answer")
    if "answer" in raw:
        number = _number(answer)
        if number is None:
            checker.report(
                f"'answer' of a numeric card must be a number, got {_describe(answer)}", "answer"
            )
        elif _in_range(number):
            out["answer"] = number
        else:
            checker.report(
                f"'answer' is {_number_text(answer, number)}; a numeric answer is {RANGE}",
                "answer",
            )
    if "tolerance" in raw:
        tol = raw["tolerance"]
        match = PERCENT_PATTERN.match(tol) if isinstance(tol, str) else None
        number = _number(tol)
        percent = float(match.group(1)) if match else math.nan
        if number is not None and _in_range(number) and number >= 0:
            out["tolerance"] = number
        elif 0 <= percent <= 100:  # NaN (no percentage) fails both comparisons
            out["tolerance"] = percent / 100
            out["tolerance_relative"] = True
        else:
            checker.report(
                f"'tolerance' is {_short(tol)}; expected a finite number from 0 to 1e100 "
                '(absolute) or a percentage from 0% to 100% such as "5%"',
                "tolerance",
            )
    if "unit" in raw:
        out["unit"] = checker.text(raw, "unit")


def _check_short(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    _check_answer_text(checker, raw, out)
    if "accept" in raw:
        out["accept"] = checker.text_list(raw, "accept")


def _check_rubric_point(checker: CardChecker, item: Any, index: int) -> RubricPoint | None:
    where = f"rubric point {index + 1}"
    if isinstance(item, str) and item.strip():
        words = tuple(w for w in re.findall(r"[\w'-]+", item.lower()) if len(w) > 3)
        return RubricPoint(item.strip(), words or (item.strip().lower(),))
    if isinstance(item, dict):
        unknown = set(item) - {"point", "keywords"}
        if unknown:
            checker.report(
                f"{where} has unknown field '{sorted(unknown)[0]}'; allowed: point, keywords",
                "rubric",
            )
            return None
        point, keywords = item.get("point"), item.get("keywords")
        if not (isinstance(point, str) and point.strip()):
            checker.report(f"{where} needs 'point': the key point as text", "rubric")
            return None
        if not (
            isinstance(keywords, list)
            and keywords
            and all(isinstance(k, str) and k.strip() for k in keywords)
        ):
            checker.report(f"{where} needs 'keywords': a non-empty list of texts", "rubric")
            return None
        return RubricPoint(point.strip(), tuple(k.strip().lower() for k in keywords))
    checker.report(f"{where} must be text or a mapping with point and keywords", "rubric")
    return None


def _check_open(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    _check_answer_text(checker, raw, out)
    if "rubric" not in raw:
        return
    rubric = raw["rubric"]
    lo, hi = RUBRIC_LIMITS
    if not isinstance(rubric, list) or not lo <= len(rubric) <= hi:
        checker.report(f"'rubric' must be a list of {lo} to {hi} key points", "rubric")
        return
    points = [_check_rubric_point(checker, item, i) for i, item in enumerate(rubric)]
    if all(p is not None for p in points):
        out["rubric"] = tuple(points)


def _check_answer_text(checker: CardChecker, raw: dict[str, Any], out: dict[str, Any]) -> None:
    if "answer" in raw:
        out["answer"] = checker.text(raw, "answer")


TYPE_CHECKS: dict[CardType, Callable[[CardChecker, dict[str, Any], dict[str, Any]], None]] = {
    CardType.FLASHCARD: _check_answer_text,
    CardType.MCQ: _check_mcq,
    CardType.MULTI: _check_multi,
    CardType.CLOZE: _check_cloze,
    CardType.NUMERIC: _check_numeric,
    CardType.SHORT: _check_short,
    CardType.OPEN: _check_open,
}


def check_card(
    raw: Any,
    *,
    file: Path,
    line: int,
    lines: dict[str, int],
    deck: str,
    sections: Collection[str],
) -> tuple[Card | None, list[Problem]]:
    """Validate one card mapping; returns the Card (if clean) and every problem found."""
    if not isinstance(raw, dict):
        problem = Problem(
            file, line, None, f"a card must be a mapping of fields, got {_describe(raw)}"
        )
        return None, [problem]
    raw_id = raw.get("id")
    card_id = raw_id if isinstance(raw_id, str) and raw_id.strip() else None
    checker = CardChecker(file, line, lines, card_id)
    if "id" in raw and card_id is None:
        checker.report(f"'id' must be text, got {_describe(raw_id)}", "id")
    elif card_id is not None and not ID_PATTERN.match(card_id):
        checker.report(
            f"id {card_id!r} may use only lowercase letters, digits, '.', '_' and '-'", "id"
        )
    card_type: CardType | None = None
    if "type" in raw:
        try:
            card_type = CardType(raw["type"])
        except (ValueError, TypeError):
            checker.report(f"'type' is {raw['type']!r}; expected one of {TYPE_NAMES}", "type")
    _check_fields(checker, raw, card_type)
    out = _check_common(checker, raw, sections)
    if card_type is not None:
        TYPE_CHECKS[card_type](checker, raw, out)
    if checker.problems or card_type is None or card_id is None:
        return None, checker.problems
    card = Card(id=card_id, type=card_type, deck=deck, file=file, line=line, **out)
    return card, []
