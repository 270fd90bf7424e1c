"""The store's schema, version and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewprep.errors import StoreError
from interviewprep.paths import store_path
from interviewprep.store import SCHEMA_VERSION, open_store
from interviewprep.store.migrations import MIGRATIONS


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows}


def test_fresh_store_has_schema_in_data_home(isolated_home: Path) -> None:
    with open_store() as store:
        assert store.path == isolated_home / "progress.sqlite3" == store_path()
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert {"card_state", "review_log", "kata_attempt", "migrations"} <= tables(store.conn)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        applied = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
        assert applied == [name for name, _ in MIGRATIONS]


def test_reopening_applies_nothing_twice() -> None:
    open_store().close()
    with open_store() as store:
        assert store.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(
            MIGRATIONS
        )


def test_store_from_a_newer_release_is_refused_untouched() -> None:
    path = store_path()
    open_store().close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer than this interviewprep knows"):
        open_store()
    assert path.read_bytes() == before


def test_garbage_file_is_a_clear_error(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    store_path().write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        open_store()


def test_failed_transaction_rolls_back() -> None:
    with open_store() as store:
        with pytest.raises(RuntimeError), store.tx() as conn:
            conn.execute(
                "INSERT INTO kata_progress (kata, track, started_at) VALUES ('a', 'numpy', 'now')"
            )
            raise RuntimeError("boom")
        assert store.conn.execute("SELECT count(*) FROM kata_progress").fetchone()[0] == 0


def test_migration_2_fills_day_and_prior_state_of_old_rows(isolated_home: Path) -> None:
    from interviewprep.store.db import connect

    isolated_home.mkdir(parents=True)
    conn = connect(store_path())
    _, sql = MIGRATIONS[0]
    conn.executescript(f"BEGIN; {sql}; PRAGMA user_version = 1; COMMIT;")
    conn.execute(
        "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type, mode, "
        "scheduled, state_before) VALUES ('c', '2026-02-18T04:30:00+00:00', 3, 1, 'mcq', "
        "'study', 1, '{\"fsrs_state\": 2}')"
    )
    conn.close()
    with open_store() as store:
        row = store.conn.execute("SELECT day, prior_state FROM review_log").fetchone()
        assert row[1] == 2
        assert row[0] in ("2026-02-17", "2026-02-18")  # the local day of 04:30 UTC
        assert store.schema_version() == SCHEMA_VERSION
