"""Kept copies never share a name, and rotation deletes only daily backups we named,
by the day they record: hand-named or future-dated files cannot push new ones out."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from interviewprep.bank.library import load_files
from interviewprep.paths import data_home, store_path
from interviewprep.store import open_store
from interviewprep.store.backup import backup_folder, backups, daily_backup
from interviewprep.study.interview import MockInterview, pick_questions
from tests.banks import bank_text

FIXED = datetime(2026, 5, 1, 9, 0, 0, tzinfo=timezone.utc)


def _answers(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    finally:
        conn.close()


def _add_answer(store_file: Path) -> None:
    with open_store(store_file) as store, store.tx() as conn:
        conn.execute(
            "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type,"
            " mode, scheduled) VALUES ('c', '2026-01-01T00:00:00+00:00', 3, 1, 'open',"
            " 'study', 1)"
        )


def test_two_imports_in_one_second_keep_two_copies(tmp_path: Path) -> None:
    from interviewprep.app import App

    portable = App(clock=lambda: FIXED).portable
    empty = tmp_path / "empty.json"
    portable.export_json(empty)
    _add_answer(store_path())  # the store before the first import: one answer
    portable.import_json(empty)
    _add_answer(store_path())
    _add_answer(store_path())  # before the second import: two answers
    portable.import_json(empty)
    copies = sorted(backup_folder(store_path()).glob("before-import-*.sqlite3"))
    assert [p.name for p in copies] == [
        "before-import-20260501-090000-2.sqlite3",
        "before-import-20260501-090000.sqlite3",
    ]
    assert sorted(_answers(p) for p in copies) == [1, 2]  # neither store is lost
    assert json.loads(empty.read_text())["review_log"] == []


def test_two_kata_resets_in_one_second_keep_both_files() -> None:
    from interviewprep.app import App

    katas = App(clock=lambda: FIXED).katas
    path = katas.start("softmax").file.path
    for attempt in ("first attempt", "second attempt"):
        path.write_text(f"# {attempt}\n")
        katas.reset("softmax")
    kept = sorted(path.parent.glob("*.bak.py"))
    assert sorted(p.read_text() for p in kept) == ["# first attempt\n", "# second attempt\n"]


def test_two_interviews_in_one_second_keep_two_transcripts(write_bank: Callable[..., Path]) -> None:
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    questions = pick_questions(cards, 1, random.Random(0))
    folder = data_home() / "interviews"
    with open_store() as store:
        first = MockInterview(store, questions, folder, lambda: FIXED, 1)
        first.record(questions[0], "the first answer", 4, 30)
        second = MockInterview(store, questions, folder, lambda: FIXED, 1)
        second.record(questions[0], "the second answer", 2, 30)
    assert first.path != second.path
    assert "the first answer" in first.path.read_text()
    assert "the second answer" in second.path.read_text()


def test_hand_named_and_future_files_never_push_new_backups_out() -> None:
    folder = backup_folder(store_path())
    folder.mkdir(parents=True)
    strangers = ["progress-mine.sqlite3", "progress-2099-12-31.sqlite3", "progress-2026-02-30"
                 ".sqlite3", "progress-2026-1-1.sqlite3", "before-import-x.sqlite3"]  # fmt: skip
    for name in strangers:
        (folder / name).write_bytes(b"the person's own")
    with open_store() as store:
        made = [daily_backup(store, 2, date(2026, 1, d)) for d in (1, 2, 3, 4)]
    assert all(made)
    present = sorted(p.name for p in folder.iterdir())
    kept = ["progress-2026-01-03.sqlite3", "progress-2026-01-04.sqlite3"]
    assert present == sorted(kept + strangers)
    # Listed by the day they record, newest first; names we did not make are not backups.
    assert [p.name for p in backups(store_path())] == [
        "progress-2099-12-31.sqlite3",
        *reversed(kept),
    ]
