"""doctor --restore: only a regular file that is our store, never the live store, with
its WAL content, only while no session holds the store, and the store kept first."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from interviewprep.paths import store_path
from interviewprep.store import open_store
from interviewprep.store.backup import backup_folder
from interviewprep.store.db import SCHEMA_VERSION
from tests.banks import bank_text
from tests.cli import assert_clean_failure, run_cli
from tests.pty import Terminal


def add_answers(store_file: Path, count: int) -> None:
    with open_store(store_file) as store, store.tx() as conn:
        conn.executemany(
            "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type,"
            " mode, scheduled, day) VALUES (?, '2026-01-01T00:00:00+00:00', 3, 1, 'open',"
            " 'study', 1, '2026-01-01')",
            [(f"card-{n}",) for n in range(count)],
        )


def answers(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def live() -> Path:
    """The live store with 5 answers, closed."""
    add_answers(store_path(), 5)
    return store_path()


@pytest.fixture
def backup(live: Path, tmp_path: Path) -> Path:
    """A healthy backup holding 9 answers, outside the data folder."""
    path = tmp_path / "saved" / "progress-2026-01-01.sqlite3"
    path.parent.mkdir()
    add_answers(path, 9)
    return path


def _our_schema_with(sql: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "altered.sqlite3"
        add_answers(path, 3)
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()
        return path

    return make


def _foreign_schema(version: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "other.sqlite3"
        conn = sqlite3.connect(path)
        conn.executescript(f"CREATE TABLE notes (body TEXT); PRAGMA user_version = {version};")
        conn.close()
        return path

    return make


def _plain_sqlite(folder: Path) -> Path:
    path = folder / "plain.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE review_log (id INTEGER)")
    conn.close()
    return path


def _other_program(folder: Path) -> Path:
    return _our_schema_with("PRAGMA application_id = 1179403647;")(folder)  # "FOSS"


def _newer(folder: Path) -> Path:
    return _our_schema_with(f"PRAGMA user_version = {SCHEMA_VERSION + 1};")(folder)


def _damaged(folder: Path) -> Path:
    path = folder / "damaged.sqlite3"
    add_answers(path, 2000)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\x5a" * 8192
    path.write_bytes(bytes(data))
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.sqlite3"
    path.touch()
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.sqlite3"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


BAD_SOURCES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "dev-null": (lambda _: Path("/dev/null"), "not a regular file"),
    "proc-file": (lambda _: Path("/proc/self/environ"), "is empty"),
    "empty": (_empty, "is empty"),
    "fifo": (_fifo, "not a regular file"),
    "folder": (_folder, "not a regular file"),
    "missing": (lambda folder: folder / "nothing-here.sqlite3", "does not exist"),
    "foreign-schema": (_foreign_schema(SCHEMA_VERSION), "table 'notes' that interviewprep"),
    "foreign-old": (_foreign_schema(1), "cannot be brought up to date"),
    "no-version": (_plain_sqlite, "has no schema version"),
    "other-program": (_other_program, "belongs to another program"),
    "newer": (_newer, "is newer than this interviewprep"),
    "damaged": (_damaged, "cannot be restored: it is not a readable SQLite database"),
    "trigger": (
        _our_schema_with(
            "CREATE TRIGGER forget AFTER INSERT ON review_log BEGIN DELETE FROM review_log; END;"
        ),
        "trigger 'forget' that interviewprep does not create",
    ),
    "view": (_our_schema_with("CREATE VIEW v AS SELECT 1;"), "view 'v'"),
    "missing-column": (
        _our_schema_with("ALTER TABLE review_log DROP COLUMN answer;"),
        "table 'review_log' is not defined as interviewprep defines it",
    ),
    "missing-table": (_our_schema_with("DROP TABLE card_flags;"), "no table 'card_flags'"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_file_that_is_not_our_store_is_refused(case: str, live: Path, tmp_path: Path) -> None:
    make, fragment = BAD_SOURCES[case]
    folder = tmp_path / "given"
    folder.mkdir()
    source = make(folder)
    before = live.read_bytes()
    result = run_cli("doctor", "--restore", str(source))
    assert_clean_failure(result, fragment)
    assert "nothing was changed" in result.stderr
    assert live.read_bytes() == before
    assert not backup_folder(live).exists()  # no copy made for a refused restore
    assert answers(live) == 5


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link", "relative"])
def test_the_live_store_cannot_be_restored_over_itself(
    how: str, live: Path, tmp_path: Path
) -> None:
    source = {"same-path": live, "relative": Path(os.path.relpath(live, tmp_path))}.get(how)
    if how == "symlink":
        source = tmp_path / "link.sqlite3"
        source.symlink_to(live)
    elif how == "hard-link":
        source = tmp_path / "hard.sqlite3"
        os.link(live, source)
    assert source is not None
    result = run_cli("doctor", "--restore", str(source), cwd=tmp_path)
    assert_clean_failure(result, "is the live store")
    assert answers(live) == 5
    assert run_cli("stats", "--json").returncode == 0  # the next command still has it


def test_a_restore_keeps_the_store_first_and_brings_the_backup(live: Path, backup: Path) -> None:
    result = run_cli("doctor", "--restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert answers(live) == 9
    [kept] = backup_folder(live).glob("before-restore-*.sqlite3")
    assert answers(kept) == 5
    assert str(kept) in result.stdout
    assert not Path(f"{live}-journal").exists()
    again = run_cli("doctor")
    assert again.returncode == 0 and "integrity ok" in again.stdout, again.stdout


def test_the_wal_content_of_the_source_comes_along(live: Path, tmp_path: Path) -> None:
    """A store set aside while open: 17 answers, most of them still in its -wal."""
    aside = tmp_path / "aside.sqlite3"
    with open_store(tmp_path / "open.sqlite3") as store:
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        with store.tx() as conn:
            conn.execute("DELETE FROM review_log")
        add_answers(store.path, 17)
        shutil.copyfile(store.path, aside)
        shutil.copyfile(f"{store.path}-wal", f"{aside}-wal")
    result = run_cli("doctor", "--restore", str(aside))
    assert result.returncode == 0, result.stderr
    assert answers(live) == 17


def test_a_restore_is_refused_while_a_session_holds_the_store(
    live: Path, backup: Path, write_bank: Callable[..., Path]
) -> None:
    bank = str(write_bank(bank_text("flashcard")).parent)
    term = Terminal("study", "--bank", bank, "--deck", "deck")
    term.expect(r"Enter: show the answer")
    try:
        result = run_cli("doctor", "--restore", str(backup))
        assert_clean_failure(result, "is in use by another interviewprep command")
        assert answers(live) == 5
    finally:
        term.send("q")
        term.wait_exit()
    after = run_cli("doctor", "--restore", str(backup))
    assert after.returncode == 0, after.stderr
    assert answers(live) == 9


def test_a_backup_from_an_older_schema_is_restored_and_brought_up_to_date(
    live: Path, tmp_path: Path
) -> None:
    from interviewprep.store.migrations import MIGRATIONS

    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old)
    conn.executescript(
        f"{MIGRATIONS[0][1]}\n"
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT);\n"
        f"INSERT INTO migrations VALUES ('{MIGRATIONS[0][0]}', '2026-01-01T00:00:00+00:00');\n"
        "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type, mode,"
        " scheduled) VALUES ('c', '2026-01-01T00:00:00+00:00', 3, 1, 'open', 'study', 1);\n"
        "PRAGMA user_version = 1;"
    )
    conn.close()
    result = run_cli("doctor", "--restore", str(old))
    assert result.returncode == 0, result.stderr
    assert answers(live) == 1
    with open_store() as store:
        assert store.schema_version() == SCHEMA_VERSION
        [day] = store.conn.execute("SELECT day FROM review_log").fetchone()
    assert day is not None


def test_doctor_warns_when_answers_in_the_newest_backup_are_gone(live: Path) -> None:
    from datetime import date, timedelta

    from interviewprep.store.backup import daily_backup

    with open_store() as store:
        daily_backup(store, 7, date.today() - timedelta(days=1))
    add_answers(live, 3)  # answered after the backup: never a reason to warn
    clean = run_cli("doctor")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "missing" not in clean.stdout

    with open_store() as store, store.tx() as conn:  # e.g. a stale journal replayed
        conn.execute("DELETE FROM review_log WHERE id IN (2, 4)")
        conn.execute("DELETE FROM review_log WHERE id = 7")  # one answered after the backup
    report = run_cli("doctor")
    [backup] = backup_folder(live).glob("progress-*.sqlite3")
    assert report.returncode == 1, report.stdout + report.stderr
    assert "Traceback" not in report.stdout + report.stderr
    flat = report.stdout.replace("\n", " ")
    assert "2 answers in the newest backup" in flat
    assert "the backup holds 5 answers, the store 5" in flat
    assert f"interviewprep doctor --restore {backup}" in report.stdout.replace("\n", "")
