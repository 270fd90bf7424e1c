"""The store knows itself: an application id in its header, and a journal (-wal) beside
it that is not its own is refused, never replayed into it."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interviewprep.errors import StoreError
from interviewprep.paths import store_path
from interviewprep.store import open_store
from interviewprep.store.db import SCHEMA_VERSION
from interviewprep.store.identity import APPLICATION_ID
from interviewprep.store.migrations import MIGRATIONS
from tests.cli import assert_clean_failure, run_cli

ANSWERS = 300


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _flags(path: Path) -> int:
    with open_store(path) as store:
        return int(store.conn.execute("SELECT count(*) FROM card_flags").fetchone()[0])


@pytest.fixture
def store_a() -> Path:
    """A closed store holding ANSWERS rows (its journal checkpointed and removed)."""
    with open_store() as store, store.tx() as conn:
        conn.executemany(
            "INSERT INTO card_flags (card_id, flagged) VALUES (?, 1)",
            ((f"card-{i:04}-" + "x" * 40,) for i in range(ANSWERS)),
        )
    path = store_path()
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(tmp_path / "other.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    yield conn
    conn.close()


def _foreign_wal_with_page_one(other: sqlite3.Connection) -> Path:
    """Another database, new, whose whole content is still in its journal."""
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    return Path(other.execute("PRAGMA database_list").fetchone()[2] + "-wal")


def _foreign_wal_without_page_one(other: sqlite3.Connection) -> Path:
    """Another database whose journal holds only a change in place (no page 1)."""
    other.execute("CREATE TABLE t (x)")
    other.executemany("INSERT INTO t VALUES (?)", ((i,) for i in range(200)))
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("UPDATE t SET x = x + 1 WHERE x < 5")
    return Path(other.execute("PRAGMA database_list").fetchone()[2] + "-wal")


def test_sqlite_alone_replays_a_foreign_journal_and_empties_the_store(
    store_a: Path, other_db: sqlite3.Connection
) -> None:
    """Why the check exists (what happens without it): kept as a test, so a future
    SQLite that checks journals itself is noticed."""
    shutil.copy(_foreign_wal_with_page_one(other_db), f"{store_a}-wal")
    conn = sqlite3.connect(store_a)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["t"]
    conn.close()  # the last connection checkpoints the journal into the store
    conn = sqlite3.connect(store_a)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'card_flags'").fetchall()
    conn.close()


@pytest.mark.parametrize("make", [_foreign_wal_with_page_one, _foreign_wal_without_page_one])
def test_a_journal_from_another_database_is_refused_and_the_store_kept(
    store_a: Path, other_db: sqlite3.Connection, make: Callable[[sqlite3.Connection], Path]
) -> None:
    wal = Path(f"{store_a}-wal")
    shutil.copy(make(other_db), wal)
    before, journal = _digest(store_a), _digest(wal)
    for _ in range(2):  # and again: the first refusal must not have changed anything
        with pytest.raises(StoreError) as caught:
            open_store()
        assert "is not this store's journal" in caught.value.message
        assert "mv" in (caught.value.hint or "") and "restore" not in (caught.value.hint or "")
    assert _digest(store_a) == before and _digest(wal) == journal
    wal.rename(f"{wal}.foreign")
    Path(f"{store_a}-shm").unlink(missing_ok=True)
    assert _flags(store_a) == ANSWERS


def test_commands_and_doctor_report_a_foreign_journal(
    store_a: Path, other_db: sqlite3.Connection
) -> None:
    shutil.copy(_foreign_wal_with_page_one(other_db), f"{store_a}-wal")
    before = _digest(store_a)
    assert_clean_failure(run_cli("stats"), "is not this store's journal")
    report = run_cli("doctor")
    assert report.returncode == 2, report.stdout
    assert "is not this store's journal" in report.stdout and "integrity ok" not in report.stdout
    assert _digest(store_a) == before


def _crash_copy(path: Path, dest: Path) -> Path:
    """The store and its journal as a crash would leave them (copied while open)."""
    dest.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{path}{suffix}", dest / f"progress.sqlite3{suffix}")
    return dest / "progress.sqlite3"


def test_the_stores_own_journal_after_a_crash_is_replayed(store_a: Path, tmp_path: Path) -> None:
    # New rows (page 1 changes: the file grows) and a change in place (no page 1).
    with open_store() as store:
        with store.tx() as conn:
            conn.executemany("INSERT INTO card_flags (card_id) VALUES (?)",
                             ((f"new-{i}-" + "y" * 60,) for i in range(200)))  # fmt: skip
        grown = _crash_copy(store_a, tmp_path / "grown")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with store.tx() as conn:
            conn.execute("UPDATE card_flags SET leech = 1 WHERE card_id LIKE 'card-0001-%'")
        in_place = _crash_copy(store_a, tmp_path / "in-place")
    assert _flags(grown) == ANSWERS + 200
    with open_store(in_place) as store:
        assert store.conn.execute("SELECT sum(leech) FROM card_flags").fetchone()[0] == 1


def test_a_store_open_in_another_connection_opens(store_a: Path) -> None:
    with open_store() as first, first.tx() as conn:
        conn.execute("INSERT INTO card_flags (card_id) VALUES ('live')")
        # the other connection's journal is live and holds uncommitted work now
        with open_store() as second:
            assert second.conn.execute("SELECT count(*) FROM card_flags").fetchone()[0] == ANSWERS
    assert _flags(store_a) == ANSWERS + 1


def test_a_new_store_carries_the_application_id() -> None:
    with open_store() as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.schema_version() == SCHEMA_VERSION


def test_a_store_made_before_the_id_gets_it_and_keeps_its_rows(isolated_home: Path) -> None:
    isolated_home.mkdir()
    conn = sqlite3.connect(store_path(), isolation_level=None)
    for number, (_, sql) in enumerate(MIGRATIONS[:2], start=1):
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO card_flags (card_id) VALUES ('old')")
    conn.close()
    with open_store() as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert [tuple(r) for r in store.conn.execute("SELECT card_id FROM card_flags")] == [
            ("old",)
        ]


def test_a_journal_from_another_database_beside_an_old_store_is_refused(
    isolated_home: Path, other_db: sqlite3.Connection
) -> None:
    """A store from before the application id (0) still refuses another database's
    journal: its schema version would go back."""
    isolated_home.mkdir()
    conn = sqlite3.connect(store_path(), isolation_level=None)
    for number, (_, sql) in enumerate(MIGRATIONS[:2], start=1):
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.close()
    shutil.copy(_foreign_wal_with_page_one(other_db), f"{store_path()}-wal")
    with pytest.raises(StoreError, match="schema version 0 is older than the store's 2"):
        open_store()


def test_another_programs_database_is_refused_unchanged(isolated_home: Path) -> None:
    isolated_home.mkdir()
    conn = sqlite3.connect(store_path())
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _digest(store_path())
    with pytest.raises(StoreError, match="is not an interviewprep store: its application id"):
        open_store()
    assert _digest(store_path()) == before
    report = run_cli("doctor")
    assert report.returncode == 2 and "is not an interviewprep store" in report.stdout


def test_a_database_of_other_tables_is_not_turned_into_a_store(isolated_home: Path) -> None:
    isolated_home.mkdir()
    conn = sqlite3.connect(store_path())
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _digest(store_path())
    with pytest.raises(StoreError, match="holds tables of another program: notes"):
        open_store()
    assert _digest(store_path()) == before
