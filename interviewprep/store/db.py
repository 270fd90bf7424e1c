"""Opening the store: WAL mode, a busy timeout, migrations, and one transaction helper."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from datetime import datetime, timezone
from pathlib import Path

from interviewprep.errors import StoreError
from interviewprep.paths import store_path
from interviewprep.store import identity
from interviewprep.store.migrations import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 10_000
BUSY_RETRY_MS = 200  # each further try once the store has been busy that long


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def migrate(conn: sqlite3.Connection, name: str = "the progress store") -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{name} has schema version {version}, newer than this "
            f"interviewprep knows ({SCHEMA_VERSION})",
            hint="upgrade interviewprep (pip install -U interviewprep); the file was not changed",
        )
    applied = []
    for number, (name, sql) in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        # executescript commits first; BEGIN makes schema change and version one step.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\n"
                f"CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT);\n"
                f"INSERT INTO migrations VALUES ('{name}', '{_now()}');\n"
                f"PRAGMA user_version = {number};\nCOMMIT;"
            )
        except (sqlite3.OperationalError, sqlite3.IntegrityError):
            # Two commands opening a new store at once both read version 0; the second
            # waits for the first's lock, then fails on "table already exists" (or, for
            # a migration that creates nothing, on recording its name twice). If the
            # other process applied this migration meanwhile, there is nothing to do.
            if conn.in_transaction:
                conn.rollback()
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            raise
        applied.append(name)
    return applied


class Store:
    """A connection to the progress store. Query modules take a Store and use `tx`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # Called once when a write has waited the whole busy timeout for another
        # process's lock; with it set, tx() keeps waiting instead of failing (a session
        # must not end, its answer lost, because another command holds the store).
        self.on_busy: Callable[[], None] | None = None

    def _begin(self) -> None:
        waiting = False
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if self.on_busy is None or not is_locked(exc):
                        raise
                    if not waiting:
                        self.on_busy()
                        waiting = True
                        # Short tries from now on: SQLite's wait is C code, so Ctrl-C
                        # takes effect only when a try ends.
                        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_RETRY_MS}")
        finally:
            if waiting:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        self._begin()
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_locked(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection holds the store; not damage."""
    code = getattr(exc, "sqlite_errorcode", None)  # from Python 3.11
    if code is not None:
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def optional_time(value: str | None) -> datetime | None:
    """A stored ISO time, or None for a column left empty."""
    return datetime.fromisoformat(value) if value else None


@contextlib.contextmanager
def selected_cards(store: Store, card_ids: Collection[str] | None) -> Iterator[str]:
    """A join clause restricting review_log to `card_ids` (empty when no filter).

    The ids go into a temporary table, so a query joins on an index instead of
    binding a parameter list of any length; `selected_cards` is also usable by name.
    """
    if card_ids is None:
        yield ""
        return
    conn: sqlite3.Connection = store.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS selected_cards (card_id TEXT PRIMARY KEY)")
    # One transaction for the fill: in autocommit mode each row would commit on its own
    # (2 s for 100,000 ids, against 0.09 s). A plain BEGIN, not IMMEDIATE: writing the
    # temp table must not lock the progress store.
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    conn.execute("DELETE FROM selected_cards")
    conn.executemany("INSERT OR IGNORE INTO selected_cards VALUES (?)", ((c,) for c in card_ids))
    if own:
        conn.execute("COMMIT")
    try:
        yield " JOIN selected_cards s ON s.card_id = review_log.card_id"
    finally:
        conn.execute("DELETE FROM selected_cards")


def connect(path: Path | str) -> sqlite3.Connection:
    # isolation_level=None: we open transactions ourselves (BEGIN IMMEDIATE), so a
    # writer takes the lock up front and waits on busy_timeout instead of failing late.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL mode. Switching does not wait on busy_timeout: two commands creating
    the store at once failed with "database is locked", so it is retried here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def open_store(path: Path | None = None) -> Store:
    """Open (creating if needed) and migrate the store at `path` or in the data folder."""
    path = path or store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path.parent}: {exc.strerror}") from None
    conn = guard = None
    try:
        if str(path) != ":memory:":
            guard = identity.guard(path)  # refuses another database's file or journal
        conn = connect(path)
        identity.refuse_foreign_tables(conn, path)
        if str(path) != ":memory:":
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, f"the progress store {path}")
    except (sqlite3.DatabaseError, identity.ForeignFileError, StoreError) as exc:
        if conn is not None:
            conn.close()
        raise _open_failure(exc, path) from None
    finally:
        if guard is not None:  # closed after `conn`: on failure, no checkpoint happened
            guard.close()
    return Store(conn, path)


def _open_failure(exc: Exception, path: Path) -> Exception:
    """The error to show when the store did not open: a lock and a full disk are not
    damage (a restore would throw away today's answers), a newer schema may be restored."""
    if isinstance(exc, identity.ForeignFileError):
        return exc
    if isinstance(exc, StoreError):  # a schema version from a newer release
        newest = newest_backup(path)
        if newest is not None:
            exc.hint = f"{exc.hint}; or restore a backup: interviewprep doctor --restore {newest}"
        return exc
    if is_locked(exc):
        return StoreError(locked_message(path, exc), hint=LOCKED_HINT)
    if disk_full(path):  # SQLite says "disk I/O error" when the -shm cannot grow
        return StoreError(
            f"the disk holding {path} is full; the store cannot be opened ({exc})",
            hint="free some space and run the command again; nothing was changed",
        )
    return StoreError(
        f"the progress store {path} cannot be opened: {exc}", hint=recovery_hint(path)
    )


LOCKED_HINT = "wait for the other interviewprep command to finish (or end it), then run this again"


def locked_message(path: Path, exc: BaseException) -> str:
    return (
        f"the progress store {path} is busy: another interviewprep command has held it "
        f"for more than {BUSY_TIMEOUT_MS // 1000} s ({exc}); nothing was changed"
    )


def disk_full(path: Path) -> bool:
    """Too little room left beside the store for SQLite to write a page and its journal."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def newest_backup(path: Path) -> Path | None:
    from interviewprep.store.backup import backups  # backup imports this module

    found = backups(path) if str(path) != ":memory:" else []
    return found[0] if found else None


def recovery_hint(path: Path) -> str:
    """What to do about a damaged store: name the newest backup, so a hurried user
    does not have to go looking for it (the file itself is left as it is)."""
    newest = newest_backup(path)
    if newest is not None:
        return f"restore the newest backup: interviewprep doctor --restore {newest}"
    return "run `interviewprep doctor` to check it; there is no backup to restore yet"
