"""Fuzzing `import json` over every field of the documented format (docs/progress-format.md).

Documents are generated valid (random rows in every table, times at any offset) or
broken on purpose (a wrong type, a value out of range, a missing or extra key, deep
nesting, a huge integer, a lone surrogate, a duplicate key...). The import runs in this
process, as the command does. The properties:

- it never raises anything but the project's UserError (so no traceback);
- when it refuses, no file in the data folder changed (store, journals, backups, config);
- a document broken on purpose is always refused;
- a valid document is imported, and exporting the store gives it back with every time
  in UTC (and the config reads back as imported).

The kinds below are written from the format document, not taken from the code under
test, so the two are checked against each other.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.errors import UserError
from interviewprep.paths import store_path
from tests.progress_docs import folder_state

# The documented columns and their kinds; "?" marks a column that may be null.
FORMAT: dict[str, dict[str, str]] = {
    "card_state": {
        "card_id": "text", "fsrs_state": "state", "step": "count?", "stability": "stability?",
        "difficulty": "difficulty?", "due": "time", "last_review": "time?", "reps": "count",
        "lapses": "count", "first_reviewed": "time",
    },
    "card_flags": {
        "card_id": "text", "suspended": "flag", "buried_until": "time?", "flagged": "flag",
        "leech": "flag",
    },
    "review_log": {
        "id": "id", "card_id": "text", "reviewed_at": "time", "rating": "rating",
        "duration_ms": "count", "card_type": "text", "answer": "anytext?", "correct": "flag?",
        "mode": "mode", "scheduled": "flag", "state_before": "state_before?",
        "interval_days": "days?", "due_after": "time?", "day": "date?", "prior_state": "state?",
    },
    "kata_progress": {
        "kata": "text", "track": "text", "started_at": "time", "passed_at": "time?",
        "hints_shown": "count",
    },
    "kata_attempt": {
        "id": "id", "kata": "text", "track": "text", "checked_at": "time", "status": "status",
        "cases_passed": "count", "cases_total": "count", "duration_ms": "count",
    },
    "interview_session": {
        "id": "id", "started_at": "time", "finished_at": "time?", "questions": "count",
        "mean_score": "score?", "transcript": "text",
    },
    "kata_card": {
        "kata": "text", "track": "text", "fsrs_state": "state", "step": "count?",
        "stability": "stability?", "difficulty": "difficulty?", "due": "time",
        "last_review": "time?", "reps": "count", "lapses": "count", "first_reviewed": "time",
    },
    "kata_round": {
        "id": "id", "kata": "text", "track": "text", "started_at": "time",
        "finished_at": "time?", "outcome": "outcome?", "rating": "rating?",
        "failed_checks": "count", "hints": "count", "seconds": "days?",
    },
}  # fmt: skip
# Tables an older export lacks: leaving one out is no breakage.
LATER_TABLES = ("kata_card", "kata_round")
INT_MAX = 2**63 - 1
OFFSETS = [timezone.utc, timezone(timedelta(hours=5)), timezone(timedelta(hours=-8)),
           timezone(timedelta(hours=5, minutes=45)), timezone(timedelta(hours=14)),
           timezone(timedelta(hours=-12))]  # fmt: skip
REAL_KINDS = {"stability", "difficulty", "days", "score"}

# -- valid values --------------------------------------------------------------------

unicode_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
nonblank = unicode_text.filter(lambda s: s.strip() != "")
times = st.builds(
    lambda moment, offset: moment.replace(tzinfo=timezone.utc).astimezone(offset).isoformat(),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30)),
    st.sampled_from(OFFSETS),
)
counts = st.one_of(st.integers(0, 1000), st.integers(0, INT_MAX))


def real(low: float, high: float) -> st.SearchStrategy[float | int]:
    return st.one_of(st.floats(low, high), st.integers(math.ceil(low), math.floor(high)))


VALID: dict[str, st.SearchStrategy[Any]] = {
    "text": nonblank, "anytext": unicode_text, "time": times, "count": counts,
    "flag": st.sampled_from([0, 1]), "state": st.sampled_from([1, 2, 3]),
    "rating": st.integers(1, 4), "mode": st.sampled_from(["study", "quiz", "interview"]),
    "status": st.sampled_from(["passed", "failed", "error"]),
    "outcome": st.sampled_from(["passed", "gave_up", "solution"]),
    "date": st.dates(date(1970, 1, 1), date(9998, 12, 31)).map(date.isoformat),
    "stability": real(0.001, 1e300), "difficulty": real(1, 10), "days": real(0, 1e6),
    "score": real(1, 5),
}  # fmt: skip


@st.composite
def kata_rounds(
    draw: st.DrawFn, round_id: int, kata: tuple[str, str], open_: bool
) -> dict[str, Any]:
    """A round, open or finished; a finished one rated Again exactly when not passed."""
    if open_:
        return _plain("kata_round", draw, id=round_id, kata=kata[0], track=kata[1],
                      finished_at=None, outcome=None, rating=None)  # fmt: skip
    outcome = draw(VALID["outcome"])
    rating = draw(st.integers(2, 4)) if outcome == "passed" else 1
    return _plain("kata_round", draw, id=round_id, kata=kata[0], track=kata[1],
                  finished_at=draw(times), outcome=outcome, rating=rating)  # fmt: skip


@st.composite
def card_states(draw: st.DrawFn, card_id: str | tuple[str, str]) -> dict[str, Any]:
    """A card_state row, or with (kata, track) for its id a kata_card row."""
    state = draw(st.sampled_from([1, 2, 3]))
    learning_new = state == 1 and draw(st.booleans())
    reps = draw(counts)
    if isinstance(card_id, str):
        key = {"card_id": card_id}
    else:
        key = {"kata": card_id[0], "track": card_id[1]}
    return {
        **key,
        "fsrs_state": state,
        "step": None if state == 2 else draw(counts),
        "stability": None if learning_new else draw(VALID["stability"]),
        "difficulty": None if learning_new else draw(VALID["difficulty"]),
        "due": draw(times),
        "last_review": draw(st.none() | times),
        "reps": reps,
        "lapses": draw(st.integers(0, reps)),
        "first_reviewed": draw(times),
    }


def _plain(table: str, draw: st.DrawFn, **fixed: Any) -> dict[str, Any]:
    row = {}
    for column, kind in FORMAT[table].items():
        base = kind.rstrip("?")
        if column in fixed:
            row[column] = fixed[column]
        elif kind.endswith("?") and draw(st.booleans()):
            row[column] = None
        else:
            row[column] = draw(VALID[base])
    return row


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid export: every table, a few rows each, keys unique, rules kept."""
    ids = draw(st.lists(nonblank, max_size=4, unique=True))
    row_ids = st.lists(st.integers(1, INT_MAX), max_size=4, unique=True)
    reviews = []
    for review_id in draw(row_ids):
        card_id = draw(st.sampled_from(ids)) if ids else draw(nonblank)
        before = draw(st.none() | card_states(card_id))
        reviews.append(_plain(
            "review_log", draw, id=review_id, card_id=card_id,
            state_before=None if before is None else json.dumps(before),
            prior_state=None if before is None else before["fsrs_state"],
        ))  # fmt: skip
    attempts = []
    for attempt_id in draw(row_ids):
        total = draw(counts)
        attempts.append(_plain("kata_attempt", draw, id=attempt_id, cases_total=total,
                               cases_passed=draw(st.integers(0, total))))  # fmt: skip
    katas = draw(st.lists(st.tuples(nonblank, nonblank), max_size=3, unique=True))
    rounds, open_katas = [], set()
    for round_id in draw(row_ids):
        kata = draw(st.sampled_from(katas)) if katas else draw(st.tuples(nonblank, nonblank))
        open_ = kata not in open_katas and draw(st.booleans())  # one open round at most
        open_katas |= {kata} if open_ else set()
        rounds.append(draw(kata_rounds(round_id, kata, open_)))
    # A valid folder: "~name" names a user, and one this system lacks is refused.
    folders = nonblank.filter(lambda text: not text.startswith("~"))
    config = draw(st.fixed_dictionaries({}, optional={
        "new_per_day": st.integers(0, 100_000), "backups_kept": st.integers(0, 100_000),
        "desired_retention": st.floats(0.7, 0.99), "kata_workspace": folders,
        "bank_dirs": st.lists(folders, max_size=2),
        "fsrs_parameters": st.just(_default_parameters()),
    }))  # fmt: skip
    return {
        "format": "interviewprep-progress",
        "version": 1,
        "exported_at": draw(times),
        "schema_version": draw(st.integers(1, 50)),
        "config": config,
        "card_state": [draw(card_states(card_id)) for card_id in ids],
        "card_flags": [_plain("card_flags", draw, card_id=c) for c in draw(st.permutations(ids))],
        "review_log": reviews,
        "kata_progress": [_plain("kata_progress", draw, kata=k, track=t) for k, t in katas],
        "kata_attempt": attempts,
        "interview_session": [_plain("interview_session", draw, id=i) for i in draw(row_ids)],
        "kata_card": [draw(card_states(kata)) for kata in katas],
        "kata_round": rounds,
    }


def _default_parameters() -> list[float]:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return list(DEFAULT_PARAMETERS)


# -- broken on purpose ----------------------------------------------------------------

lone_surrogates = st.builds(lambda a, s, b: a + s + b, unicode_text,
                            st.characters(categories=["Cs"]), unicode_text)  # fmt: skip
deep = st.integers(30, 400).map(lambda n: json.loads("[" * n + "]" * n))
huge = st.sampled_from([2**63, -(2**63) - 1, 10**30, 10**300, -(10**40)])
WRONG_TYPES = st.one_of(st.booleans(), st.lists(st.integers(), max_size=2),
                        st.dictionaries(unicode_text, st.integers(), max_size=2), deep)  # fmt: skip
not_numbers = st.one_of(WRONG_TYPES, unicode_text)
bad_floats = st.sampled_from([math.nan, math.inf, -math.inf])
bad_times = st.one_of(
    st.datetimes(min_value=datetime(1971, 1, 1)).map(datetime.isoformat),  # no offset
    st.dates().map(date.isoformat),
    unicode_text,
    lone_surrogates,
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00",
                     "1969-12-31T23:59:59+00:00", "2026-02-30T10:00:00+00:00"]),
    st.integers() | WRONG_TYPES,
)  # fmt: skip
BAD: dict[str, st.SearchStrategy[Any]] = {
    "text": st.one_of(st.sampled_from(["", "  ", "\t"]), lone_surrogates, st.integers(),
                      WRONG_TYPES),
    "anytext": st.one_of(lone_surrogates, st.integers(), WRONG_TYPES),
    "time": bad_times,
    "count": st.one_of(st.integers(max_value=-1), huge, st.floats(), not_numbers),
    "id": st.one_of(st.integers(max_value=0), huge, st.floats(), not_numbers),
    "flag": st.one_of(st.integers().filter(lambda n: n not in (0, 1)), st.floats(),
                      not_numbers),
    "state": st.one_of(st.integers().filter(lambda n: n not in (1, 2, 3)), huge, not_numbers),
    "rating": st.one_of(st.integers().filter(lambda n: not 1 <= n <= 4), not_numbers),
    "mode": st.one_of(unicode_text.filter(lambda s: s not in ("study", "quiz", "interview")),
                      lone_surrogates, st.integers(), WRONG_TYPES),
    "status": st.one_of(unicode_text.filter(lambda s: s not in ("passed", "failed", "error")),
                        st.integers(), WRONG_TYPES),
    "outcome": st.one_of(unicode_text.filter(lambda s: s not in ("passed", "gave_up", "solution")),
                         st.integers(), WRONG_TYPES),
    "date": st.one_of(st.sampled_from(["2026-02-30", "20260301", "2026-W09-1", "1969-12-31",
                                       "2026-3-1"]), unicode_text, st.integers(), WRONG_TYPES),
    "stability": st.one_of(st.floats(max_value=0.0009), bad_floats, huge.map(lambda n: -abs(n)),
                           not_numbers),
    "difficulty": st.one_of(st.floats().filter(lambda x: not 1 <= x <= 10), not_numbers),
    "days": st.one_of(st.floats(max_value=-1e-9), bad_floats, not_numbers),
    "score": st.one_of(st.floats().filter(lambda x: not 1 <= x <= 5), not_numbers),
    "state_before": st.one_of(st.sampled_from(["", "{", "[]", "null", "{}", '"x"']),
                              st.integers(), WRONG_TYPES,
                              st.integers(1100, 3000).map(lambda n: "[" * n + "]" * n)),
}  # fmt: skip
BAD_SETTINGS = {
    "new_per_day": st.one_of(st.integers(max_value=-1), st.integers(min_value=100_001),
                             not_numbers),
    "desired_retention": st.one_of(st.floats().filter(lambda x: not 0.7 <= x <= 0.99),
                                   not_numbers),
    "kata_workspace": st.one_of(st.sampled_from(["", " "]), lone_surrogates, st.integers()),
    "bank_dirs": st.one_of(st.lists(lone_surrogates, min_size=1, max_size=2), unicode_text,
                           st.lists(st.integers(), min_size=1, max_size=2)),
    "fsrs_parameters": st.one_of(st.lists(st.floats(0, 1), max_size=30).filter(
        lambda p: len(p) != 21), st.just([math.nan] * 21), st.just([0.5] * 20 + [100.0])),
    "no_such_setting": st.integers(),
}  # fmt: skip


def _rows(document: dict[str, Any]) -> list[tuple[str, int]]:
    """The rows still there to break (an earlier breakage may have removed a table)."""
    return [
        (t, i)
        for t in FORMAT
        if isinstance(document.get(t), list)
        for i, row in enumerate(document[t])
        if isinstance(row, dict)
    ]


@st.composite
def breakages(draw: st.DrawFn, document: dict[str, Any]) -> None:
    """Break the document in one way that no valid export has (in place)."""
    rows = _rows(document)
    choices = ["top"] + ["config"] * isinstance(document.get("config"), dict)
    choices += ["field", "null", "drop", "extra", "duplicate", "row"] * bool(rows)
    how = draw(st.sampled_from(choices))
    if how == "top":
        change = draw(st.sampled_from(["drop", "add", "not a list", "format", "version"]))
        if change == "drop":
            del document[draw(st.sampled_from(sorted(set(document) - set(LATER_TABLES))))]
        elif change == "add":
            document[draw(nonblank.filter(lambda k: k not in document))] = draw(st.integers())
        elif change == "not a list":
            document[draw(st.sampled_from(list(FORMAT)))] = draw(WRONG_TYPES.filter(
                lambda v: not isinstance(v, list)) | unicode_text)  # fmt: skip
        elif change == "format":
            document["format"] = draw(unicode_text.filter(lambda f: f != "interviewprep-progress")
                                      | st.integers())  # fmt: skip
        else:
            document["version"] = draw(st.integers(min_value=2) | st.integers(max_value=0)
                                       | not_numbers)  # fmt: skip
        return
    if how == "config":
        key = draw(st.sampled_from(sorted(BAD_SETTINGS)))
        document["config"][key] = draw(BAD_SETTINGS[key])
        return
    table, index = draw(st.sampled_from(rows))
    row = document[table][index]
    column = draw(st.sampled_from(list(FORMAT[table])))
    kind = FORMAT[table][column]
    if how == "field":
        row[column] = draw(BAD[kind.rstrip("?")])
    elif how == "null":
        column = draw(st.sampled_from([c for c, k in FORMAT[table].items() if not k.endswith("?")]))
        row[column] = None
    elif how == "drop":
        row.pop(column, None)  # an earlier breakage may have dropped it already
    elif how == "extra":
        row[draw(unicode_text.filter(lambda k: k not in row))] = draw(st.integers() | st.none())
    elif how == "duplicate":
        document[table].append(dict(row))
    else:
        document[table][index] = draw(st.integers() | unicode_text | st.lists(st.integers()))


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(documents())
    for _ in range(draw(st.integers(1, 3))):
        draw(breakages(document))
    return document


# -- the property ---------------------------------------------------------------------


def _utc(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(timezone.utc).isoformat()


def _as_stored(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A valid row as an export of the store gives it back: times in UTC, reals as
    floats, state_before's times in UTC too."""
    out: dict[str, Any] = {}
    for column, value in row.items():
        kind = FORMAT[table][column].rstrip("?")
        if value is None:
            out[column] = None
        elif kind == "time":
            out[column] = _utc(value)
        elif kind in REAL_KINDS:
            out[column] = float(value)
        elif kind == "state_before":
            out[column] = json.dumps(_as_stored("card_state", json.loads(value)))
        else:
            out[column] = value
    return out


def _run_import(tmp_path: Path, document: dict[str, Any]) -> bool:
    """Import the document as the command does; True if it was imported. Refused: no
    file of the data folder changed."""
    from interviewprep.cli.data_commands import import_json

    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    before = folder_state(store_path().parent)
    try:
        import_json(path)
    except UserError:
        assert folder_state(store_path().parent) == before
        return False
    return True


def _check_imported(document: dict[str, Any]) -> None:
    from interviewprep.config import load_config, parse_config
    from interviewprep.progress.portable import TABLES, export_progress
    from interviewprep.store import open_store

    with open_store() as store:
        exported = export_progress(store, {}, datetime.now(timezone.utc))
    for table in TABLES:
        rows = [_as_stored(table, r) for r in document[table]]
        if "id" in FORMAT[table]:  # the id is the rowid, in whose order the export lists rows
            rows.sort(key=lambda r: int(r["id"]))
        assert exported[table] == rows, table
    assert load_config() == parse_config(document["config"], "fuzzed")


# One data folder for all examples of a test: each compares it with itself before.
SHARED_HOME = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[*SHARED_HOME, HealthCheck.data_too_large])  # fmt: skip


@FUZZ
@given(document=documents())
def test_a_valid_export_is_imported_exactly(tmp_path: Path, document: dict[str, Any]) -> None:
    assert _run_import(tmp_path, document)
    _check_imported(document)


@FUZZ
@given(document=broken_documents())
def test_a_broken_export_is_refused_and_changes_nothing(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    assert not _run_import(tmp_path, document)


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=SHARED_HOME)  # fmt: skip
@given(document=documents(), data=st.data())
def test_damaged_file_text_never_gives_a_traceback(
    tmp_path: Path, document: dict[str, Any], data: st.DataObject
) -> None:
    """The file's text cut short or with a byte changed: refused, or (if it still reads
    as a valid export) imported in full."""
    from interviewprep.cli.data_commands import import_json

    raw = bytearray(json.dumps(document).encode())
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    else:
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.json"
    path.write_bytes(bytes(raw))
    before = folder_state(store_path().parent)
    try:
        import_json(path)
    except UserError:
        assert folder_state(store_path().parent) == before
    else:
        _check_imported(json.loads(bytes(raw)))


def test_the_fuzzed_kinds_are_the_documented_columns() -> None:
    from interviewprep.progress.portable import TABLES

    assert {t: list(c) for t, c in FORMAT.items()} == {t: list(c) for t, c in TABLES.items()}
    pytest.importorskip("fsrs")
