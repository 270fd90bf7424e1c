"""import json: every field is checked against what it means before anything is written;
problems are listed with their JSON paths; times are stored in UTC."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from interviewprep.errors import UserError
from interviewprep.paths import store_path
from interviewprep.store import open_store
from tests.cli import assert_clean_failure, run_cli
from tests.progress_docs import card_state, folder_state, review, sample_document

Change = Callable[[dict[str, Any]], None]


def _import(tmp_path: Path, document: Any, *, raw: str | None = None) -> None:
    """Run `import json` in this process on the document (or on raw text)."""
    from interviewprep.cli.data_commands import import_json

    path = tmp_path / "progress.json"
    path.write_text(raw if raw is not None else json.dumps(document), encoding="utf-8")
    import_json(path)


def _refused(tmp_path: Path, document: Any, *, raw: str | None = None) -> str:
    """The refusal's message; and the data folder is exactly as it was."""
    home = store_path().parent
    before = folder_state(home)
    with pytest.raises(UserError) as caught:
        _import(tmp_path, document, raw=raw)
    assert folder_state(home) == before
    return caught.value.message


@pytest.fixture
def existing_store() -> None:
    """A store with progress in it, and a config, that a refused import must not touch."""
    with open_store() as store, store.tx() as conn:
        conn.execute("INSERT INTO card_flags (card_id, flagged) VALUES ('kept', 1)")
    (store_path().parent / "config.toml").write_text("new_per_day = 3\n")


def _set(table: str, index: int, **values: Any) -> Change:
    return lambda d: d[table][index].update(values)


BAD_FIELDS: list[tuple[Change, str]] = [
    (_set("card_state", 0, fsrs_state=0), "card_state[0].fsrs_state: must be 1-3 (learning, "
                                          "review, relearning), got 0"),
    (_set("card_state", 0, fsrs_state=9), "card_state[0].fsrs_state: must be 1-3"),
    (_set("card_state", 0, fsrs_state=True), "card_state[0].fsrs_state: must be 1-3 (learning, "
                                             "review, relearning), got true"),
    (_set("card_state", 0, fsrs_state=2.0), "card_state[0].fsrs_state: must be 1-3"),
    (_set("card_state", 0, stability=-1.0), "card_state[0].stability: must be a number, "
                                            "0.001 or more"),
    (_set("card_state", 0, stability=float("nan")), "card_state[0].stability: must be a number"),
    (_set("card_state", 0, stability=float("inf")), "card_state[0].stability: must be a number"),
    (_set("card_state", 0, difficulty=11), "card_state[0].difficulty: must be a number 1.0-10.0"),
    (_set("card_state", 0, difficulty="5"), "card_state[0].difficulty: must be a number"),
    (_set("card_state", 0, reps=-1), "card_state[0].reps: must be a whole number, 0 or more"),
    (_set("card_state", 0, reps=2**63), "card_state[0].reps: must be a whole number, 0 or more "
                                        "and below 2**63, got 9223372036854775808"),
    (_set("card_state", 0, lapses=10**30), "card_state[0].lapses: must be a whole number"),
    (_set("card_state", 0, lapses=9), "card_state[0].lapses: cannot be more than reps (3)"),
    (_set("card_state", 0, step=None, fsrs_state=3), "card_state[0].step: must be a learning "
                                                     "step"),
    (_set("card_state", 0, step=0), "card_state[0].step: must be null while fsrs_state is 2"),
    (_set("card_state", 1, stability=1.0), "card_state[1].difficulty: must be set while "
                                           "fsrs_state is 1 (learning) and the other one is set"),
    (_set("card_state", 0, stability=None), "card_state[0].stability: must be set while "
                                            "fsrs_state is 2 (review)"),
    (_set("card_state", 0, card_id=""), "card_state[0].card_id: must be non-empty text"),
    (_set("card_state", 0, due=None), "card_state[0].due: must not be null"),
    (_set("card_state", 0, due="tomorrow"), "card_state[0].due: must be an ISO-8601 time"),
    (_set("card_state", 0, due="2026-03-04T09:00:00"), "card_state[0].due: has no UTC offset"),
    (_set("card_state", 0, due="0001-01-01T00:00:00+05:00"), "card_state[0].due: must be a time "
                                                             "from 1970 to 9998"),
    (_set("card_state", 0, due="9999-12-31T23:00:00-05:00"), "card_state[0].due: must be a time"),
    (_set("card_flags", 1, suspended=2), "card_flags[1].suspended: must be 0-1, got 2"),
    (_set("card_flags", 1, leech=False), "card_flags[1].leech: must be 0-1, got false"),
    (_set("review_log", 0, rating=7), "review_log[0].rating: must be 1-4 (Again, Hard, Good, "
                                      "Easy), got 7"),
    (_set("review_log", 0, day="2026-02-30"), "review_log[0].day: must be a calendar date"),
    (_set("review_log", 0, day="20260301"), "review_log[0].day: must be a calendar date"),
    (_set("review_log", 0, day=20260301), "review_log[0].day: must be a calendar date"),
    (_set("review_log", 0, answer="caf\udce9"), "review_log[0].answer: is not valid text: a "
                                                "lone surrogate '\\udce9' at 3"),
    (_set("review_log", 0, mode="exam"), "review_log[0].mode: must be one of study, quiz, "
                                         "interview, got 'exam'"),
    (_set("review_log", 0, duration_ms=-5), "review_log[0].duration_ms: must be a whole number"),
    (_set("review_log", 0, interval_days=-1.0), "review_log[0].interval_days: must be a number"),
    (_set("review_log", 0, prior_state=2), "review_log[0].prior_state: must be the fsrs_state "
                                           "in state_before (1), got 2"),
    (_set("review_log", 1, prior_state=2), "review_log[1].prior_state: must be the fsrs_state "
                                           "in state_before (null), got 2"),
    (_set("review_log", 0, state_before="{"), "review_log[0].state_before: must be JSON text"),
    (_set("review_log", 0, state_before="[" * 100_000), "review_log[0].state_before: must be "
                                                        "JSON text"),
    (_set("review_log", 0, state_before=json.dumps(card_state(difficulty=0))),
     "review_log[0].state_before.difficulty: must be a number 1.0-10.0"),
    (_set("review_log", 0, state_before=json.dumps(card_state("softmax-2"))),
     "review_log[0].state_before.card_id: must be the review's card_id 'attention-1'"),
    (_set("review_log", 0, id=0), "review_log[0].id: must be a whole number, 1 or more"),
    (_set("kata_attempt", 0, cases_passed=6), "kata_attempt[0].cases_passed: cannot be more "
                                              "than cases_total (5)"),
    (_set("kata_attempt", 0, status="won"), "kata_attempt[0].status: must be one of passed"),
    (_set("interview_session", 0, mean_score=9.0), "interview_session[0].mean_score: must be "
                                                   "a number 1.0-5.0"),
    (lambda d: d["review_log"].append(review(1)), "review_log[2].id: id 1 is already used by "
                                                  "review_log[0]"),
    (lambda d: d["card_state"].append(card_state()), "card_state[2].card_id: card_id "
                                                     "'attention-1' is already used by "
                                                     "card_state[0]"),
    (lambda d: d["kata_progress"].append(dict(d["kata_progress"][0])),
     "kata_progress[1]: kata and track 'softmax', 'numpy' is already used by kata_progress[0]"),
    (lambda d: d["review_log"][0].pop("rating"), "review_log[0]: missing the column rating"),
    (lambda d: d["review_log"][0].update(extra=1), "review_log[0].extra: is not a column"),
    (lambda d: d["review_log"].__setitem__(0, [1, 2]), "review_log[0]: must be an object"),
    (lambda d: d.update(review_log={}), "review_log: must be a list of rows"),
    (lambda d: d.pop("exported_at"), "exported_at: is missing"),
    (lambda d: d.update(exported_at="now"), "exported_at: must be an ISO-8601 time"),
    (lambda d: d.update(schema_version="2"), "schema_version: must be a whole number"),
    (lambda d: d.update(reviews=[]), "reviews: is not part of the format"),
    (lambda d: d.update(config=[]), "config: must be an object of settings"),
    (lambda d: d["config"].update(new_per_dya=3), "config.new_per_dya: unknown setting"),
    (lambda d: d["config"].update(fsrs_parameters=[0.4] * 19),
     "config.fsrs_parameters: 'fsrs_parameters' is [0.4, 0.4"),
    (lambda d: d["config"].update(bank_dirs=["\udce9"]), "config.bank_dirs: 'bank_dirs' is"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "fragment"), BAD_FIELDS)
def test_a_bad_field_is_named_by_its_path_and_nothing_is_written(
    existing_store: None, tmp_path: Path, change: Change, fragment: str
) -> None:
    document = sample_document()
    change(document)
    message = _refused(tmp_path, document)
    assert fragment in message
    assert "nothing was imported" in message


def test_the_sample_itself_imports(tmp_path: Path) -> None:
    _import(tmp_path, sample_document())
    with open_store() as store:
        assert store.conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 2


def test_the_first_ten_problems_are_listed_and_the_command_fails_cleanly(
    existing_store: None, tmp_path: Path
) -> None:
    document = sample_document()
    document["review_log"] = [review(i, rating=7) for i in range(1, 13)]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    before = folder_state(store_path().parent)
    result = run_cli("import", "json", str(path))
    assert_clean_failure(result, f"{path} is not a valid progress export; nothing was imported")
    listed = [line for line in result.stderr.splitlines() if "].rating: must be 1-4" in line]
    assert [line.split(".")[0].strip() for line in listed] == [
        f"review_log[{i}]" for i in range(10)
    ]
    assert "and more (only the first 10 are shown)" in result.stderr
    assert folder_state(store_path().parent) == before


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "interviewprep-progress", "version": 1' + ', "x": 1' * 2 + "}",
         "the key 'x' appears twice in one object"),
        ('{"version": ' + "9" * 5000 + "}", "not valid JSON here"),
        ('{"format": ', ":1: not valid JSON"),
    ],
)  # fmt: skip
def test_files_that_are_not_sound_json_are_refused(
    existing_store: None, tmp_path: Path, raw: str, fragment: str
) -> None:
    assert fragment in _refused(tmp_path, None, raw=raw)


def test_duplicate_ids_do_not_end_in_a_hint_to_restore_a_backup(
    existing_store: None, tmp_path: Path
) -> None:
    document = sample_document()
    document["review_log"][1]["id"] = 1
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(document))
    result = run_cli("import", "json", str(path))
    assert_clean_failure(result, "review_log[1].id: id 1 is already used by review_log[0]")
    assert "restore" not in result.stderr and "cannot be used" not in result.stderr


def test_what_is_not_a_regular_file_or_too_big_is_refused_before_reading(
    existing_store: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewprep.progress import portable
    from interviewprep.progress.portable import read_document

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    with pytest.raises(UserError, match="is not a regular file"):
        read_document(fifo)
    with pytest.raises(UserError, match="is not a regular file"):
        read_document(tmp_path)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(sample_document()))
    monkeypatch.setattr(portable, "MAX_FILE_BYTES", 100)
    with pytest.raises(UserError, match="is larger than"):
        read_document(big)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"answer": "café"}'.encode("latin-1"))
    with pytest.raises(UserError, match=r"not UTF-8 text \(byte 15 is 0xe9\)"):
        read_document(latin)


def test_times_at_another_offset_are_stored_in_utc_so_study_and_stats_agree(
    tmp_path: Path,
) -> None:
    from interviewprep.store.reviews import load_records

    now = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
    document = sample_document()
    # Due an hour ago (11:00 UTC), written at +05:00: as text it sorts after 12:00 UTC.
    document["card_state"][0]["due"] = "2026-03-04T16:00:00+05:00"
    document["card_state"][0]["last_review"] = "2026-03-01T01:00:00.250000-08:00"
    document["review_log"][0]["reviewed_at"] = "2026-03-01T18:00:00.250000+09:00"
    _import(tmp_path, document)
    with open_store() as store:
        due, last = store.conn.execute(
            "SELECT due, last_review FROM card_state WHERE card_id = 'attention-1'"
        ).fetchone()
        [reviewed] = store.conn.execute("SELECT reviewed_at FROM review_log WHERE id = 1")
        assert (due, last, reviewed[0]) == (
            "2026-03-04T11:00:00+00:00",  # the shape every other stored time has
            "2026-03-01T09:00:00.250000+00:00",
            "2026-03-01T09:00:00.250000+00:00",
        )
        # study selects due cards by comparing text; stats compares parsed times.
        by_time = {cid for cid, r in load_records(store).items() if r.due <= now}
        assert set(load_records(store, due_by=now)) == by_time == {"attention-1", "softmax-2"}


def test_state_before_is_stored_as_undo_reads_it(tmp_path: Path) -> None:
    from interviewprep.store.reviews import record_from_json

    document = sample_document()
    before = card_state(fsrs_state=1, step=0, due="2026-03-01T14:00:00+05:00")
    document["review_log"][0]["state_before"] = json.dumps(before)
    _import(tmp_path, document)
    with open_store() as store:
        [text] = store.conn.execute("SELECT state_before FROM review_log WHERE id = 1")
    assert '"due": "2026-03-01T09:00:00+00:00"' in text[0]  # in UTC, like card_state
    record = record_from_json(text[0])
    assert record is not None and record.due == datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    assert text[0] == record.to_json()


def test_the_format_document_describes_every_column() -> None:
    from interviewprep.progress.schema import TABLES, TOP_LEVEL

    doc = (Path(__file__).parents[1] / "docs" / "progress-format.md").read_text()
    rows = [line for line in doc.splitlines() if line.startswith("| ")]
    described: dict[str, set[str]] = {}
    table = ""
    for line in rows[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        table = cells[0].strip("`") or table
        described.setdefault(table, set()).update(
            name.strip(" `") for name in cells[1].split(",")
        )
    assert described == {t: set(columns) for t, columns in TABLES.items()}
    assert all(f'"{key}"' in doc for key in TOP_LEVEL)
