"""What each field of a progress export means, and checking a parsed export against it.

docs/progress-format.md describes the format for people; this module is its executable
form. `check_document` looks at every field of every row and returns the rows as the
store keeps them (times in UTC, the store's text shape), or raises one UserError that
lists the first problems, each with its JSON path (`review_log[3].rating: must be 1-4,
got 7`). Nothing is written until a whole file has passed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from interviewprep.config import Config, parse_config, setting_problem, shown
from interviewprep.errors import UserError

FORMAT_NAME = "interviewprep-progress"
FORMAT_VERSION = 1
MAX_PROBLEMS = 10  # listed in one refusal; a file with more is usually wrong throughout

INT_MAX = 2**63 - 1  # SQLite's integers are 64-bit; a larger one cannot be stored
# Times before 1970 or from 9999 on cannot come from use, and arithmetic on them (a local
# day, a due date plus an interval) can overflow.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9999, 1, 1, tzinfo=timezone.utc)

# fsrs.State and fsrs.Rating values, named as the format documents them (fsrs itself is
# not imported: validating a file must not load the scheduler).
FSRS_STATES = {1: "learning", 2: "review", 3: "relearning"}
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STABILITY_MIN = 0.001  # fsrs.scheduler.STABILITY_MIN: fsrs never stores less
SCORE_MAX = 5  # interview self-scores are 1-5
# katas.schedule.RoundOutcome's values (not imported: the rules of a file stand alone).
ROUND_OUTCOMES = ("passed", "gave_up", "solution")

Check = Callable[[Any], Any]


def _shown(value: Any) -> str:
    """A value as the file spells it (null, true), shortened."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return shown(value)


class Bad(Exception):
    """One field's value is wrong; the message says how (the path is added by the caller)."""


@dataclass(frozen=True)
class Column:
    """A field of a row: how it is checked (returning the value to store) and whether it
    may be null."""

    check: Check
    nullable: bool = False


@dataclass(frozen=True)
class CheckedImport:
    """A whole export that passed: its settings and each table's rows, ready to insert."""

    config: Config
    tables: dict[str, list[tuple[Any, ...]]]


def _whole(low: int, high: int = INT_MAX, names: dict[int, str] | None = None) -> Check:
    if names:
        allowed = f"{low}-{high} ({', '.join(names.values())})"
    elif high == INT_MAX:
        allowed = f"a whole number, {low} or more"
    else:
        allowed = f"{low}-{high}"

    def check(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Bad(f"must be {allowed}, got {_shown(value)}")
        if not low <= value <= high:
            limit = " and below 2**63" if high == INT_MAX and value > high else ""
            raise Bad(f"must be {allowed}{limit}, got {_shown(value)}")
        return value

    return check


def _real(low: float, high: float = math.inf) -> Check:
    allowed = f"a number, {low} or more" if high == math.inf else f"a number {low}-{high}"

    def check(value: Any) -> float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Bad(f"must be {allowed}, got {_shown(value)}")
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an integer too large for a float
            finite = False
        if not finite or not low <= value <= high:
            raise Bad(f"must be {allowed} (finite), got {_shown(value)}")
        return float(value)  # the column is REAL: an integer of 2**63 would not bind

    return check


def _text_value(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Bad(f"must be {what}, got {_shown(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        surrogate = value[exc.start]
        raise Bad(f"is not valid text: a lone surrogate {surrogate!r} at {exc.start}") from None
    return value


def _text(*, blank: bool = False) -> Check:
    what = "text" if blank else "non-empty text"

    def check(value: Any) -> str:
        text = _text_value(value, what)
        if not blank and not text.strip():
            raise Bad(f"must be {what}, got {_shown(value)}")
        return text

    return check


def _choice(*options: str) -> Check:
    allowed = ", ".join(options)

    def check(value: Any) -> str:
        if _text_value(value, f"one of {allowed}") not in options:
            raise Bad(f"must be one of {allowed}, got {_shown(value)}")
        return str(value)

    return check


def _time(value: Any) -> str:
    """An ISO-8601 time with an offset, as the store keeps it: UTC, in isoformat's shape,
    so that text comparison (what `study` does) and parsing (what `stats` does) agree."""
    example = "an ISO-8601 time with a UTC offset, e.g. 2026-11-29T08:15:00+00:00"
    text = _text_value(value, example)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Bad(f"must be {example}, got {_shown(value)}") from None
    if moment.utcoffset() is None:
        raise Bad(f"has no UTC offset: {_shown(value)} (add one, e.g. +00:00)")
    try:
        moment = moment.astimezone(timezone.utc)
    except OverflowError:  # year 1 or 9999 moved across midnight
        moment = LATEST
    if not EARLIEST <= moment < LATEST:
        raise Bad(f"must be a time from 1970 to 9998, got {_shown(value)}")
    return moment.isoformat()


def _day(value: Any) -> str:
    example = "a calendar date written YYYY-MM-DD, e.g. 2026-11-29"
    text = _text_value(value, example)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Bad(f"must be {example}, got {_shown(value)}") from None
    if day.isoformat() != text:  # 3.11 also reads 20261129 and 2026-W48-7
        raise Bad(f"must be {example}, got {_shown(value)}")
    if not EARLIEST.year <= day.year < LATEST.year:
        raise Bad(f"must be a date from 1970 to 9998, got {_shown(value)}")
    return text


_FLAG = _whole(0, 1)
_COUNT = _whole(0)
_ROWID = _whole(1)
_FSRS_STATE = _whole(1, 3, FSRS_STATES)
_ID = _text()

CARD_STATE: dict[str, Column] = {
    "card_id": Column(_ID),
    "fsrs_state": Column(_FSRS_STATE),
    "step": Column(_COUNT, nullable=True),
    "stability": Column(_real(STABILITY_MIN), nullable=True),
    "difficulty": Column(_real(1.0, 10.0), nullable=True),
    "due": Column(_time),
    "last_review": Column(_time, nullable=True),
    "reps": Column(_COUNT),
    "lapses": Column(_COUNT),
    "first_reviewed": Column(_time),
}

# Every table of the format and its columns, in the store's column order.
TABLES: dict[str, dict[str, Column]] = {
    "card_state": CARD_STATE,
    "card_flags": {
        "card_id": Column(_ID),
        "suspended": Column(_FLAG),
        "buried_until": Column(_time, nullable=True),
        "flagged": Column(_FLAG),
        "leech": Column(_FLAG),
    },
    "review_log": {
        "id": Column(_ROWID),
        "card_id": Column(_ID),
        "reviewed_at": Column(_time),
        "rating": Column(_whole(1, 4, RATINGS)),
        "duration_ms": Column(_COUNT),
        "card_type": Column(_ID),
        "answer": Column(_text(blank=True), nullable=True),
        "correct": Column(_FLAG, nullable=True),
        "mode": Column(_choice("study", "quiz", "interview")),
        "scheduled": Column(_FLAG),
        "state_before": Column(_text(blank=True), nullable=True),  # see _state_before
        "interval_days": Column(_real(0.0), nullable=True),
        "due_after": Column(_time, nullable=True),
        "day": Column(_day, nullable=True),
        "prior_state": Column(_FSRS_STATE, nullable=True),
    },
    "kata_progress": {
        "kata": Column(_ID),
        "track": Column(_ID),
        "started_at": Column(_time),
        "passed_at": Column(_time, nullable=True),
        "hints_shown": Column(_COUNT),
    },
    "kata_attempt": {
        "id": Column(_ROWID),
        "kata": Column(_ID),
        "track": Column(_ID),
        "checked_at": Column(_time),
        "status": Column(_choice("passed", "failed", "error")),
        "cases_passed": Column(_COUNT),
        "cases_total": Column(_COUNT),
        "duration_ms": Column(_COUNT),
    },
    "interview_session": {
        "id": Column(_ROWID),
        "started_at": Column(_time),
        "finished_at": Column(_time, nullable=True),
        "questions": Column(_COUNT),
        "mean_score": Column(_real(1.0, float(SCORE_MAX)), nullable=True),
        "transcript": Column(_ID),
    },
    # A kata on a track as an FSRS card: card_state's columns, keyed by kata and track.
    "kata_card": {
        "kata": Column(_ID),
        "track": Column(_ID),
        **{name: column for name, column in CARD_STATE.items() if name != "card_id"},
    },
    "kata_round": {
        "id": Column(_ROWID),
        "kata": Column(_ID),
        "track": Column(_ID),
        "started_at": Column(_time),
        "finished_at": Column(_time, nullable=True),
        "outcome": Column(_choice(*ROUND_OUTCOMES), nullable=True),
        "rating": Column(_whole(1, 4, RATINGS), nullable=True),
        "failed_checks": Column(_COUNT),
        "hints": Column(_COUNT),
        "seconds": Column(_real(0.0), nullable=True),
    },
}
# Tables added after version 1 of the format was first written (schema version 4): an
# export from before has none of them, read as empty.
LATER_TABLES = ("kata_card", "kata_round")

# The columns no two rows of a table may share (the table's primary key).
KEYS: dict[str, tuple[str, ...]] = {
    "card_state": ("card_id",),
    "card_flags": ("card_id",),
    "review_log": ("id",),
    "kata_progress": ("kata", "track"),
    "kata_attempt": ("id",),
    "interview_session": ("id",),
    "kata_card": ("kata", "track"),
    "kata_round": ("id",),
}

TOP_LEVEL = ("format", "version", "exported_at", "schema_version", "config", *TABLES)


class Problems:
    """The first problems found, each with its JSON path; `full` once there are enough."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.found: list[str] = []
        self.more = False

    def add(self, path: str, message: str) -> None:
        if len(self.found) < self.limit:
            self.found.append(f"{path}: {message}")
        else:
            self.more = True

    @property
    def full(self) -> bool:
        return self.more

    def raise_any(self, source: str) -> None:
        if not self.found:
            return
        lines = "\n".join(f"  {p}" for p in self.found)
        more = f"\n  ... and more (only the first {self.limit} are shown)" if self.more else ""
        raise UserError(
            f"{source} is not a valid progress export; nothing was imported:\n{lines}{more}",
            hint="correct the file (or export it again from the store it came from) "
            "and import it again",
        )


def _key_path(parent: str, key: str) -> str:
    """The JSON path of an object's key: `config.new_per_day`, or `config['a b']`."""
    name = key if key.isidentifier() else f"[{_shown(key)}]"
    if not parent:
        return name
    return f"{parent}.{name}" if key.isidentifier() else f"{parent}{name}"


def _check_fields(
    row: Any, columns: dict[str, Column], where: str, problems: Problems
) -> dict[str, Any] | None:
    """The row's values as stored, or None after adding its problems."""
    if not isinstance(row, dict):
        problems.add(
            where, f"must be an object with the columns {', '.join(columns)}, got {_shown(row)}"
        )
        return None
    ok = True
    missing = [c for c in columns if c not in row]
    if missing:
        problems.add(where, f"missing the column{'s' * (len(missing) > 1)} {', '.join(missing)}")
        ok = False
    for extra in (k for k in row if k not in columns):
        problems.add(_key_path(where, extra), "is not a column of this table")
        ok = False
    values: dict[str, Any] = {}
    for name, column in columns.items():
        if name not in row:
            continue
        value = row[name]
        if value is None:
            if not column.nullable:
                problems.add(f"{where}.{name}", "must not be null")
                ok = False
            values[name] = None
            continue
        try:
            values[name] = column.check(value)
        except Bad as exc:
            problems.add(f"{where}.{name}", str(exc))
            ok = False
    return values if ok else None


def _check_card_state(values: dict[str, Any], where: str, problems: Problems) -> bool:
    """What fsrs needs of a card's state beyond each field alone (it asserts a learning
    step, and reads stability and difficulty without a check once a card is reviewed)."""
    state = values["fsrs_state"]
    name = f"{state} ({FSRS_STATES[state]})"
    ok = True
    if state in (1, 3) and values["step"] is None:
        problems.add(
            f"{where}.step",
            f"must be a learning step, 0 or more, while fsrs_state is {name}; got null",
        )
        ok = False
    if state == 2 and values["step"] is not None:
        problems.add(f"{where}.step", f"must be null while fsrs_state is {name}, got "
                                      f"{_shown(values['step'])}")  # fmt: skip
        ok = False
    unset = [c for c in ("stability", "difficulty") if values[c] is None]
    if unset and (state != 1 or len(unset) == 1):
        for column in unset:
            problems.add(
                f"{where}.{column}",
                f"must be set while fsrs_state is {name}"
                + (" and the other one is set" if state == 1 else ""),
            )
        ok = False
    if values["lapses"] > values["reps"]:
        problems.add(
            f"{where}.lapses",
            f"cannot be more than reps ({values['reps']}), got {values['lapses']}",
        )
        ok = False
    return ok


def _state_before(text: str, card_id: str, where: str, problems: Problems) -> dict[str, Any] | None:
    """A review's `state_before` (JSON text of the card's state before the answer, which
    undo puts back), checked like a card_state row of the same card; None after adding
    its problems."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        problems.add(where, f"must be JSON text of the card's state before the answer: {exc}")
        return None
    values = _check_fields(data, CARD_STATE, where, problems)
    if values is None or not _check_card_state(values, where, problems):
        return None
    if values["card_id"] != card_id:
        problems.add(
            f"{where}.card_id",
            f"must be the review's card_id {_shown(card_id)}, got {_shown(values['card_id'])}",
        )
        return None
    return values


def _check_review(values: dict[str, Any], where: str, problems: Problems) -> bool:
    state = None
    if values["state_before"] is not None:
        before = _state_before(
            values["state_before"], values["card_id"], f"{where}.state_before", problems
        )
        if before is None:
            return False
        # The shape CardRecord.to_json writes, so an imported store exports the same again.
        values["state_before"], state = json.dumps(before), before["fsrs_state"]
    if values["prior_state"] != state:  # stats count answers by it: derived, must agree
        problems.add(
            f"{where}.prior_state",
            f"must be the fsrs_state in state_before "
            f"({_shown(state)}), got {_shown(values['prior_state'])}",
        )
        return False
    return True


def _check_attempt(values: dict[str, Any], where: str, problems: Problems) -> bool:
    if values["cases_passed"] > values["cases_total"]:
        problems.add(
            f"{where}.cases_passed",
            f"cannot be more than cases_total "
            f"({values['cases_total']}), got {values['cases_passed']}",
        )
        return False
    return True


def _check_round(values: dict[str, Any], where: str, problems: Problems) -> bool:
    """An open round (finished_at null) has no outcome and no rating; a finished one has
    both, Again exactly when it was not passed (katas/schedule.py round_rating)."""
    finished = values["finished_at"] is not None
    for column in ("outcome", "rating"):
        if finished and values[column] is None:
            problems.add(f"{where}.{column}", "must be set once finished_at is set")
            return False
        if not finished and values[column] is not None:
            problems.add(
                f"{where}.{column}",
                f"must be null while finished_at is null (an open round), "
                f"got {_shown(values[column])}",
            )
            return False
    outcome, rating = values["outcome"], values["rating"]
    if finished and (outcome == "passed") == (rating == 1):
        allowed = "2-4 (Hard, Good, Easy)" if outcome == "passed" else "1 (Again)"
        problems.add(
            f"{where}.rating",
            f"must be {allowed} for the outcome {_shown(outcome)}, got {_shown(rating)}",
        )
        return False
    return True


ROW_RULES: dict[str, Callable[[dict[str, Any], str, Problems], bool]] = {
    "card_state": _check_card_state,
    "review_log": _check_review,
    "kata_attempt": _check_attempt,
    "kata_card": _check_card_state,
    "kata_round": _check_round,
}


# Columns no two rows of a table may share among the rows a rule picks (the store's
# partial unique indexes): at most one open round per kata and track.
PARTIAL_KEYS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], bool], str]] = {
    "kata_round": (("kata", "track"), lambda values: values["finished_at"] is None, "open"),
}


def _check_table(table: str, rows: Any, problems: Problems) -> list[tuple[Any, ...]]:
    columns = TABLES[table]
    if not isinstance(rows, list):
        problems.add(table, f"must be a list of rows, got {_shown(rows)}")
        return []
    checked: list[tuple[Any, ...]] = []
    seen: dict[tuple[Any, ...], int] = {}
    key = KEYS[table]
    rule = ROW_RULES.get(table)
    partial: dict[tuple[Any, ...], int] = {}
    for index, row in enumerate(rows):
        if problems.full:
            break
        where = f"{table}[{index}]"
        values = _check_fields(row, columns, where, problems)
        if values is None or (rule is not None and not rule(values, where, problems)):
            continue
        identity = tuple(values[c] for c in key)
        first = seen.setdefault(identity, index)
        if first != index:
            problems.add(
                f"{where}.{key[-1]}" if len(key) == 1 else where,
                f"{' and '.join(key)} {', '.join(map(shown, identity))} is already "
                f"used by {table}[{first}]",
            )
            continue
        if not _partial_key_free(table, values, index, partial, problems):
            continue
        checked.append(tuple(values[c] for c in columns))
    return checked


def _partial_key_free(
    table: str,
    values: dict[str, Any],
    index: int,
    seen: dict[tuple[Any, ...], int],
    problems: Problems,
) -> bool:
    """False, after adding the problem, when an earlier row the table's PARTIAL_KEYS
    rule picks has the same key (two open rounds of one kata and track)."""
    if table not in PARTIAL_KEYS:
        return True
    key, picked, what = PARTIAL_KEYS[table]
    if not picked(values):
        return True
    identity = tuple(values[c] for c in key)
    first = seen.setdefault(identity, index)
    if first == index:
        return True
    problems.add(
        f"{table}[{index}]",
        f"{table}[{first}] is already the {what} row of {' and '.join(key)} "
        f"{', '.join(map(shown, identity))}: only one may be",
    )
    return False


def _check_header(document: dict[str, Any], problems: Problems) -> None:
    for key in document:
        if key not in TOP_LEVEL:
            problems.add(_key_path("", key), "is not part of the format")
    for key in TOP_LEVEL:
        if key not in document and key not in LATER_TABLES:
            problems.add(key, "is missing")
    if "exported_at" in document:
        try:
            _time(document["exported_at"])
        except Bad as exc:
            problems.add("exported_at", str(exc))
    if "schema_version" in document:
        try:
            _ROWID(document["schema_version"])
        except Bad as exc:
            problems.add("schema_version", str(exc))


def _check_config(config: Any, problems: Problems) -> None:
    if not isinstance(config, dict):
        problems.add("config", f"must be an object of settings, got {_shown(config)}")
        return
    for key, value in config.items():
        problem = setting_problem(key, value)
        if problem is not None:
            problems.add(_key_path("config", key), problem[0])


def _check_format(document: Any, source: str) -> None:
    """Refuse at once a file that is not this format, or of a newer version."""
    if not isinstance(document, dict):
        raise UserError(f"{source}: not an interviewprep progress export (expected an object)")
    if document.get("format") != FORMAT_NAME:
        raise UserError(
            f"{source}: not an interviewprep progress export (format is "
            f"{_shown(document.get('format'))}, expected {FORMAT_NAME!r})"
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(f"{source}: 'version' must be a whole number, got {_shown(version)}")
    if version > FORMAT_VERSION:
        raise UserError(
            f"{source}: export format version {version} is newer than this interviewprep "
            f"reads ({FORMAT_VERSION})",
            hint="upgrade interviewprep, then import again; nothing was changed",
        )


def check_document(document: Any, source: str) -> CheckedImport:
    """The export's settings and rows as the store keeps them, if every field is sound;
    otherwise one UserError listing the first problems with their JSON paths."""
    _check_format(document, source)
    problems = Problems()
    _check_header(document, problems)
    _check_config(document.get("config"), problems)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for table in TABLES:
        if table in document and not problems.full:
            tables[table] = _check_table(table, document[table], problems)
        elif table in LATER_TABLES and table not in document:
            tables[table] = []  # an export from before the table existed
    problems.raise_any(source)
    return CheckedImport(parse_config(document["config"], source), tables)
