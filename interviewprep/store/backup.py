"""Automatic dated backups of the store, kept copies, and integrity checks (restoring
one is in store/restore.py)."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from interviewprep.fsutil import atomic_path, create_unique
from interviewprep.store.db import SCHEMA_VERSION, Store

PREFIX = "progress-"
SUFFIX = ".sqlite3"
# The only names rotation ever deletes: the ones daily_backup makes, parsed strictly.
DAILY_NAME = re.compile(rf"{PREFIX}(\d{{4}}-\d{{2}}-\d{{2}}){re.escape(SUFFIX)}")


def backup_folder(store_file: Path) -> Path:
    return store_file.parent / "backups"


def backup_date(path: Path) -> date | None:
    """The day a daily backup records in its name; None for any name we did not make."""
    match = DAILY_NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:  # progress-2026-02-30.sqlite3 was not made by us either
        return None


def backups(store_file: Path) -> list[Path]:
    """The daily backups, newest recorded day first (not by sorting names: a hand-named
    progress-mine.sqlite3 is not a backup of any day)."""
    folder = backup_folder(store_file)
    if not folder.is_dir():
        return []
    dated = [(day, p) for p in folder.glob(f"{PREFIX}*{SUFFIX}") if (day := backup_date(p))]
    return [p for _, p in sorted(dated, reverse=True)]


def kept_copy(store: Store, kind: str, now: datetime) -> Path:
    """A copy of the store made before a risky step (`kind`: before-import, ...), under a
    name no other copy has: two imports in one second keep two copies."""
    dest = create_unique(backup_folder(store.path), f"{kind}-{now:%Y%m%d-%H%M%S}", SUFFIX)
    try:
        copy_store(store, dest)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return dest


def copy_store(store: Store, dest: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while others write)."""
    # mkstemp: two commands started at once (each making the day's backup) never
    # share a temporary file or fail on each other's rename.
    # Private, as the store is; a full disk or a damaged store leaves no partial copy.
    with atomic_path(dest, private=True) as tmp:
        target = sqlite3.connect(tmp)
        try:
            store.conn.backup(target)
            # The copy inherits WAL mode; a read-only check of a WAL file leaves -wal and
            # -shm files beside it. A backup is one self-contained file.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()


def daily_backup(store: Store, keep: int, today: date) -> Path | None:
    """Keep one copy a day for the last `keep` days of use; returns a new copy's path."""
    if keep <= 0:
        return None
    folder = backup_folder(store.path)
    dest = folder / f"{PREFIX}{today.isoformat()}{SUFFIX}"
    if dest.exists():
        return None
    copy_store(store, dest)
    if not _quick_check(dest):
        # A damaged store must not rotate the healthy backups out, one day at a time.
        dest.unlink(missing_ok=True)
        return None
    # A day after today (a clock once set wrong) is neither counted nor deleted: counted,
    # it would make each new day's backup the oldest and delete it at once.
    past = [p for p in backups(store.path) if (backup_date(p) or today) <= today]
    for old in past[keep:]:
        old.unlink(missing_ok=True)
    return dest


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot change the file (checking must not repair or write)."""
    # Quoted: a folder named "a?b" or "50%" must not be read as URI syntax.
    conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _quick_check(path: Path) -> bool:
    """PRAGMA quick_check: the cheap half of integrity_check (once a day, on the copy)."""
    try:
        with _read_only(path) as conn:
            return [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.DatabaseError:
        return False


@dataclass(frozen=True)
class Health:
    path: Path
    ok: bool
    problems: list[str]
    schema_version: int | None


def check_file(path: Path) -> Health:
    """Integrity and schema version of a store file, opened read-only."""
    if not path.exists():
        return Health(path, False, ["the file does not exist"], None)
    from interviewprep.store import identity  # before SQLite reads (and replays) a journal

    foreign = identity.problems(path)
    if foreign:
        return Health(path, False, foreign, None)
    try:
        with _read_only(path) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return Health(path, False, [f"not a readable SQLite database: {exc}"], None)
    problems = [] if result == ["ok"] else [f"integrity check: {line}" for line in result[:10]]
    if version > SCHEMA_VERSION:
        problems.append(
            f"schema version {version} is newer than this interviewprep ({SCHEMA_VERSION})"
        )
    return Health(path, not problems, problems, version)


@dataclass(frozen=True)
class MissingAnswers:
    """Answers a backup holds that the store no longer does."""

    backup: Path
    count: int
    latest: str | None  # reviewed_at of the latest one missing
    in_backup: int
    in_store: int


def missing_answers(store_file: Path, backup: Path) -> MissingAnswers | None:
    """Compare the review log with a backup's; None when either cannot be read.

    A row counts as present when its id, card and time are all in the store: an id
    reused by a later answer does not hide the loss of the one it replaced.
    """
    try:
        with _read_only(store_file) as conn:
            kept = f"file:{urllib.parse.quote(str(backup))}?mode=ro"
            conn.execute("ATTACH DATABASE ? AS kept", (kept,))
            count, latest = conn.execute(
                "SELECT count(*), max(k.reviewed_at) FROM kept.review_log AS k "
                "WHERE NOT EXISTS (SELECT 1 FROM main.review_log AS m WHERE m.id = k.id "
                "AND m.card_id = k.card_id AND m.reviewed_at = k.reviewed_at)"
            ).fetchone()
            [in_backup] = conn.execute("SELECT count(*) FROM kept.review_log").fetchone()
            [in_store] = conn.execute("SELECT count(*) FROM main.review_log").fetchone()
    except sqlite3.DatabaseError:
        return None
    return MissingAnswers(backup, int(count), latest, int(in_backup), int(in_store))
