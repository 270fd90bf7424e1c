"""The SQL of export and import: every table's rows out, every table replaced in one
transaction. Which tables and columns there are is read from the schema itself."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from interviewprep.store.db import Store

# Bookkeeping of the store itself, not progress: never exported, never replaced.
INTERNAL_TABLES = ("migrations",)


def schema_tables(store: Store) -> dict[str, list[str]]:
    """Each progress table of the live schema and its columns, in creation order."""
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
        if r[0] not in INTERNAL_TABLES
    ]
    return {t: [r[1] for r in store.conn.execute(f"PRAGMA table_info({t})")] for t in names}


def table_rows(store: Store, table: str, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Every row of the table as a mapping of its columns, in insertion order."""
    rows = store.conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def replace_tables(
    store: Store, columns: Mapping[str, Sequence[str]], rows: Mapping[str, Sequence[tuple]]  # type: ignore[type-arg]
) -> None:
    """Every table's rows replaced by `rows`, all in one transaction (all or nothing)."""
    with store.tx() as conn:
        for table in columns:
            conn.execute(f"DELETE FROM {table}")
        for table, names in columns.items():
            marks = ", ".join("?" * len(names))
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows[table]
            )


def review_log_rows(store: Store, columns: Sequence[str]) -> Iterator[tuple]:  # type: ignore[type-arg]
    """The review log's rows in the order answers were given."""
    yield from store.conn.execute(f"SELECT {', '.join(columns)} FROM review_log ORDER BY id")
