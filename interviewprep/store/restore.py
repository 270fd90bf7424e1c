"""Restoring a backup: only a regular file that is our store, never the live store
itself, and only while no other command has the store open."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewprep.errors import StoreError
from interviewprep.fsutil import create_unique
from interviewprep.store.backup import kept_copy
from interviewprep.store.db import SCHEMA_VERSION, Store, migrate, open_store

JOURNALS = ("-wal", "-shm", "-journal")
LOCK_WAIT_S = 2.0  # a command that only reads finishes well within this
NOTHING_CHANGED = "nothing was changed"


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # the store as it was, copied to backups/, or None if there was none
    damaged_aside: Path | None  # a store SQLite could not read, moved aside as it was


def _refuse(message: str, hint: str = NOTHING_CHANGED) -> StoreError:
    return StoreError(message, hint=hint)


def _check_regular(path: Path) -> None:
    """A regular, non-empty file, checked by stat before anything opens it: opening a
    FIFO for reading blocks forever, and a device or /proc file is no backup."""
    for candidate in [path, *(Path(f"{path}{j}") for j in JOURNALS)]:
        try:
            st = os.stat(candidate)
        except FileNotFoundError:
            if candidate == path:
                raise _refuse(f"{path} does not exist") from None
            continue
        except OSError as exc:
            raise _refuse(f"cannot read {candidate}: {exc.strerror}") from None
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(
                f"{candidate} is not a regular file (a folder, device, pipe or socket), "
                f"so {path} cannot be restored",
                hint="give a backup file: `interviewprep doctor` lists them; " + NOTHING_CHANGED,
            )
    if os.stat(path).st_size == 0:
        raise _refuse(f"{path} is empty: it holds no progress to restore")


def _check_not_live(path: Path, store_file: Path) -> None:
    real = os.path.realpath(path)
    for live in [store_file, *(Path(f"{store_file}{j}") for j in JOURNALS)]:
        same = real == os.path.realpath(live)
        if not same and live.exists():
            same = os.path.samefile(path, live)  # a hard link to it
        if same:
            raise _refuse(
                f"{path} is the live store ({live}) itself; it cannot be restored over itself",
                hint="restore one of the backups `interviewprep doctor` lists; " + NOTHING_CHANGED,
            )


def _open_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: checking must not write. Not immutable: the file's own -wal must be read,
    # or answers still in it would be left behind.
    return sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)


_COMMENT = re.compile(r"--[^\n]*")
_SPACE = re.compile(r"\s+")
_PUNCTUATION_SPACE = re.compile(r" ?([(),;]) ?")


def _normal_sql(sql: str) -> str:
    text = _SPACE.sub(" ", _COMMENT.sub("", sql)).strip()
    return _PUNCTUATION_SPACE.sub(r"\1", text)


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Every table, index, trigger and view SQLite keeps SQL for, by (type, name).
    SQLite's own objects (sqlite_sequence, sqlite_stat1, auto-indexes) are left out."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE sql IS NOT NULL AND substr(name, 1, 7) != 'sqlite_'"
    )
    return {(kind, name): _normal_sql(sql) for kind, name, sql in rows}


def _reference() -> tuple[dict[tuple[str, str], str], int]:
    """Our schema and application id, made the way every store is made."""
    with open_store(Path(":memory:")) as store:
        return schema_of(store.conn), _application_id(store.conn)


def _application_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def _schema_problems(
    found: dict[tuple[str, str], str], expected: dict[tuple[str, str], str]
) -> list[str]:
    problems = [f"it has no {kind} '{name}'" for kind, name in sorted(expected.keys() - found)]
    problems += [
        f"it has a {kind} '{name}' that interviewprep does not create"
        for kind, name in sorted(found.keys() - expected)
    ]
    problems += [
        f"its {kind} '{name}' is not defined as interviewprep defines it"
        for (kind, name), sql in sorted(found.items())
        if (kind, name) in expected and expected[(kind, name)] != sql
    ]
    return problems


def _migrated_schema(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """The schema an older store has once brought up to date, worked out on a copy in
    memory (the file itself is not changed)."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(copy)
        migrate(copy, "the backup")
        return schema_of(copy)
    finally:
        copy.close()


def backup_problems(path: Path) -> list[str]:
    """What makes `path` not a restorable progress store; [] when it is one."""
    expected, our_id = _reference()
    try:
        conn = _open_read_only(path)
    except sqlite3.DatabaseError as exc:
        return [f"it cannot be opened as a SQLite database ({exc})"]
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = _application_id(conn)
        if app_id not in (0, our_id):  # 0: a store made before the id was set
            return [f"it belongs to another program (application id {app_id:#x})"]
        if version == 0:
            return ["it is not an interviewprep progress store (it has no schema version)"]
        if version > SCHEMA_VERSION:
            return [
                f"its schema version {version} is newer than this interviewprep "
                f"({SCHEMA_VERSION}); upgrade interviewprep to restore it"
            ]
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"integrity check: {line}" for line in integrity[:5]]
        try:
            found = schema_of(conn) if version == SCHEMA_VERSION else _migrated_schema(conn)
        except (sqlite3.DatabaseError, StoreError) as exc:
            return [f"its schema version {version} cannot be brought up to date ({exc})"]
        return _schema_problems(found, expected)
    except sqlite3.DatabaseError as exc:
        return [f"it is not a readable SQLite database ({exc})"]
    finally:
        conn.close()


def _lock_live(store_file: Path) -> sqlite3.Connection | None:
    """A connection holding the live store alone until it is closed; None when there is
    no store, or one SQLite cannot read (nobody can be using that either).

    Leaving WAL mode needs every other connection closed, and every command holds its
    connection for as long as it runs (a study session for the whole session), so this
    is how a running session is found, whatever command it is.
    """
    if not store_file.exists():
        return None
    conn = sqlite3.connect(store_file, isolation_level=None, timeout=LOCK_WAIT_S)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # keep each lock until closed
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _refuse(
                f"the store {store_file} is in use by another interviewprep command "
                "(a study, quiz or interview session?)",
                hint="finish that session, then restore again; " + NOTHING_CHANGED,
            ) from None
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None
    return conn


def _move_aside(store_file: Path, now: datetime) -> Path | None:
    """Keep a store SQLite cannot read exactly as it is, with its journals."""
    if not store_file.exists():
        return None
    stamp = f"{store_file.name}.replaced-{now:%Y%m%d-%H%M%S}"
    aside = create_unique(store_file.parent, stamp, "")
    store_file.replace(aside)
    for journal in JOURNALS:  # they belong to the old file: keep them with it
        old = Path(f"{store_file}{journal}")
        if old.exists():
            old.replace(Path(f"{aside}{journal}"))
    return aside


def _copy_into(source: Path, dest: sqlite3.Connection) -> None:
    """SQLite's backup API: the source's WAL content comes along, unlike a file copy."""
    src = _open_read_only(source)
    try:
        src.backup(dest)
    finally:
        src.close()
    # Back to a rollback journal deleted on commit (the copied header may say WAL): a
    # journal left beside the file could look hot to the next command and undo this.
    dest.execute("PRAGMA journal_mode = DELETE")


def restore(source: Path, store_file: Path, now: datetime) -> Restored:
    """Put a checked backup in place of the store; the store as it was is kept first."""
    _check_regular(source)
    _check_not_live(source, store_file)
    problems = backup_problems(source)
    if problems:
        raise _refuse(f"{source} cannot be restored: {'; '.join(problems)}")
    live = _lock_live(store_file)
    if live is not None:
        try:
            kept = kept_copy(Store(live, store_file), "before-restore", now)
        except sqlite3.DatabaseError:  # it opens, but pages are damaged: keep it as it is
            live.close()
        else:
            try:
                _copy_into(source, live)
            finally:
                live.close()
            return Restored(kept=kept, damaged_aside=None)
    aside = _move_aside(store_file, now)
    store_file.parent.mkdir(parents=True, exist_ok=True)
    fresh = sqlite3.connect(store_file, isolation_level=None)
    try:
        _copy_into(source, fresh)
    finally:
        fresh.close()
    return Restored(kept=None, damaged_aside=aside)
