"""Is this file our store, and is the write-ahead log beside it its own?

SQLite replays whatever `-wal` file lies beside a database when it opens it: frames
carry a salt that ties them to their log's header, but nothing ties the log to the
database. A log left by another database, copied beside the store, was replayed
silently; closing the connection then checkpointed it into the store, whose answers
were gone (and `doctor`, reading through the same log, said ok). So before SQLite
opens the store, the log is read here as bytes (the file format is documented at
https://www.sqlite.org/fileformat2.html#walformat) and compared with the store:

- the log's page size must be the store's;
- if the log holds page 1 (every transaction that grows or shrinks the file writes
  it), that page's application id, schema version and schema cookie must be the
  store's or later ones: they never go back;
- otherwise no page was allocated or freed while the log was written, so each commit
  leaves the database at the store's size, and every page the log holds exists in the
  store already and keeps its b-tree page type.

A log of another database fails one of these in practice; one of this store, however
old its frames, passes all. The store itself carries APPLICATION_ID in its header
(migration 003), so another program's database is refused too.
"""

from __future__ import annotations

import sqlite3
import struct
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from interviewprep.errors import StoreError

# "IVPR" in ASCII: marks a SQLite file as an interviewprep progress store
# (PRAGMA application_id, offset 68 of the header).
APPLICATION_ID = 0x49565052

_WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums little- or big-endian
_WAL_VERSION = 3007000
_BTREE_PAGE_TYPES = {2, 5, 10, 13}  # interior/leaf index, interior/leaf table


def journal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from(">I", data, offset)[0])


def _checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), started from zero."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _page_size(header: bytes) -> int:
    size = int(struct.unpack_from(">H", header, 16)[0])
    return 65536 if size == 1 else size


@dataclass
class _Frames:
    """The frames of a log up to its last commit."""

    pages: list[tuple[int, int]] = field(default_factory=list)  # (page number, data offset)
    sizes: set[int] = field(default_factory=set)  # the database's size after each commit


def _committed_frames(log: BinaryIO, page_size: int, salts: tuple[int, int]) -> _Frames:
    """The frames up to the log's last commit.

    Frames of an earlier use of the log file carry other salts and end the scan, as
    they end SQLite's own recovery. Checksums are not verified (that would cost a pass
    over every page in Python): a frame that fails them could only be one of the log's
    own, so it cannot make a log of this store look foreign.
    """
    found = _Frames()
    pending: list[tuple[int, int]] = []
    offset = 32
    while True:
        log.seek(offset)
        frame = log.read(24)
        if len(frame) < 24:
            break
        page, size, salt1, salt2 = struct.unpack_from(">4I", frame)
        if (salt1, salt2) != salts or page == 0:
            break
        pending.append((page, offset + 24))
        if size:  # a commit frame: the database's size in pages after the transaction
            found.pages += pending
            found.sizes.add(size)
            pending = []
        offset += 24 + page_size
    return found


def _compare_first_pages(store: bytes, logged: bytes) -> str | None:
    """Why page 1 as the log holds it cannot be a later state of the store's page 1."""
    store_id, logged_id = _u32(store, 68), _u32(logged, 68)
    # Migration 003 sets the id on a store made before it: 0 may become ours.
    if logged_id != store_id and not (store_id == 0 and logged_id == APPLICATION_ID):
        return f"its application id is {logged_id:#x}, the store's {store_id:#x}"
    for offset, what in ((60, "schema version"), (40, "schema cookie")):
        was, now = _u32(store, offset), _u32(logged, offset)
        if now < was:
            return f"its {what} {now} is older than the store's {was}"
    return None


def _compare_pages(db: BinaryIO, log: BinaryIO, frames: _Frames, page_size: int) -> str | None:
    """Without page 1 in the log, no page was allocated or freed: the database kept the
    store's size, and each page the log holds is a change in place of one the store
    has, of the same b-tree page type."""
    db.seek(0, 2)
    pages = db.tell() // page_size
    if frames.sizes != {pages}:
        return f"it gives the database {min(frames.sizes)} pages, and the store has {pages}"
    for page, offset in frames.pages:
        db.seek((page - 1) * page_size)
        kind = db.read(1)
        log.seek(offset)
        if kind and kind[0] in _BTREE_PAGE_TYPES and log.read(1) != kind:
            return f"its page {page} is of another kind than the store's"
    return None


def _scan(path: Path) -> str | None:
    """One reading of the store's header and its log: why they do not belong together."""
    try:
        with path.open("rb") as db, journal_path(path).open("rb") as log:
            # The store first: a checkpoint between the two reads can only make the log
            # newer than what was read of the store, never older.
            store = db.read(100)
            head = log.read(32)
            if len(store) < 100 or len(head) < 32:
                return None  # a new store, or an empty log: nothing to replay
            magic, version, page_size = struct.unpack_from(">3I", head)
            if magic not in _WAL_MAGIC or version != _WAL_VERSION:
                return None  # SQLite ignores such a file
            if _checksum(head[:24], magic & 1 == 1) != (_u32(head, 24), _u32(head, 28)):
                return None
            if page_size != _page_size(store):
                return f"its pages are {page_size} bytes, the store's {_page_size(store)}"
            frames = _committed_frames(log, page_size, (_u32(head, 16), _u32(head, 20)))
            if not frames.pages:
                return None
            first = [offset for page, offset in frames.pages if page == 1]
            if first:
                log.seek(first[-1])
                return _compare_first_pages(store, log.read(100))
            return _compare_pages(db, log, frames, page_size)
    except OSError:
        return None  # gone, or unreadable: SQLite will say what it finds


def foreign_journal(path: Path) -> str | None:
    """Why the `-wal` file beside the store at `path` is another database's, or None."""
    # Another command writing the store can move its log on between our reads; a log
    # that is really another database's looks foreign on every reading.
    for _ in range(3):
        reason = _scan(path)
        if reason is None:
            return None
    return f"{journal_path(path)} is not this store's journal: {reason}"


def foreign_journal_hint(path: Path) -> str:
    wal = journal_path(path)
    return (
        f"it was left there by another database (a copied folder?) and was not applied; "
        f"if you did not put it there on purpose, move it away (mv '{wal}' '{wal}.foreign') "
        "and run the command again; the store itself was not changed"
    )


def foreign_database(path: Path) -> str | None:
    """Why the file at `path` is another program's SQLite database, or None (read from
    its header, without opening it)."""
    try:
        with path.open("rb") as db:
            header = db.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    found = _u32(header, 68)
    if found in (0, APPLICATION_ID):
        return None
    return (
        f"{path} is not an interviewprep store: its application id is {found:#x} "
        f"(ours is {APPLICATION_ID:#x}), so it belongs to another program"
    )


def problems(path: Path) -> list[str]:
    """What makes the file at `path`, or the journal beside it, not this store's."""
    found = [foreign_database(path)]
    journal = foreign_journal(path)
    if journal is not None:
        wal = journal_path(path)
        found.append(f"{journal}; it was not applied (to use the store, move it away: "
                     f"mv '{wal}' '{wal}.foreign')")  # fmt: skip
    return [p for p in found if p is not None]


class ForeignFileError(StoreError):
    """The store file, or the journal beside it, belongs to another database: nothing
    is wrong with the store, so no backup is suggested."""


def foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables in a database that was never migrated (schema version 0): another
    program's. Migration 001 creates our tables and sets the version in one step, so
    a store being created by another command at this moment has none."""
    # One statement, so one snapshot: the version and the tables as of the same moment.
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND (SELECT user_version FROM pragma_user_version) = 0"
    )
    return [str(r[0]) for r in rows]


def guard(path: Path) -> sqlite3.Connection | None:
    """Refuse another program's file or journal at `path`. With a journal there, return
    a read-only connection to keep open while the store is opened and migrated: SQLite
    checkpoints the journal into the file when the last connection closes, and a
    read-only one never does, so if opening fails, closing leaves the file as it was."""
    problem = foreign_database(path)
    if problem is not None:
        raise ForeignFileError(problem, hint="set INTERVIEWPREP_HOME to use another folder, "
                               "or move the file away; it was not changed")  # fmt: skip
    problem = foreign_journal(path)
    if problem is not None:
        raise ForeignFileError(problem, hint=foreign_journal_hint(path))
    try:
        if journal_path(path).stat().st_size == 0:
            return None
    except OSError:
        return None
    conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA application_id").fetchone()  # holds its shared lock from here
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def refuse_foreign_tables(conn: sqlite3.Connection, path: Path) -> None:
    tables = foreign_tables(conn)
    if tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise ForeignFileError(
            f"{path} is not an interviewprep store: it holds tables of another program: {shown}",
            hint="set INTERVIEWPREP_HOME to use another folder, or move the file away; "
            "it was not changed",
        )
