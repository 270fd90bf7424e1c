"""Export and import of all progress as one JSON document (see docs/progress-format.md),
and the review log as CSV.

An import is checked completely (progress/schema.py) before anything is written, then
replaces the store's progress in one transaction: a bad file, or a crash half-way,
changes nothing.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewprep.config import shown
from interviewprep.errors import UserError
from interviewprep.progress.schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    TABLES,
    CheckedImport,
    check_document,
)
from interviewprep.store.db import SCHEMA_VERSION, Store
from interviewprep.store.portable import (
    replace_tables,
    review_log_rows,
    schema_tables,
    table_rows,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "TABLES", "export_progress", "import_progress",
           "read_document"]  # fmt: skip

# An export takes about 700 bytes an answer, so this is room for 1.5 million answers (40
# years of 100 a day). Checked before reading: a huge or endless file costs no memory.
MAX_FILE_BYTES = 1024 * 1024 * 1024

CSV_COLUMNS = ("reviewed_at", "day", "card_id", "card_type", "mode", "answer", "correct",
               "rating", "duration_ms", "interval_days", "due_after")  # fmt: skip


def export_progress(store: Store, config: dict[str, Any], now: datetime) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "config": config,
    }
    for table, columns in exported_tables(store).items():
        document[table] = table_rows(store, table, columns)
    return document


def exported_tables(store: Store) -> dict[str, list[str]]:
    """The tables and columns of the live schema; each must have its rule in
    progress/schema.py (an export it could not check on import would be useless)."""
    tables = schema_tables(store)
    unknown = {t: c for t, c in tables.items() if list(TABLES.get(t, {})) != c}
    if unknown or set(tables) != set(TABLES):
        raise RuntimeError(f"the export format does not cover the schema: {unknown}")
    return tables


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file of a sane size up front."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{path} is not a regular file", hint="give the path of a file "
                            "written by `interviewprep export json`")  # fmt: skip
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(path)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_big(path)
    return data


def _too_big(path: Path) -> UserError:
    return UserError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB, more than any "
                     "progress export; nothing was imported")  # fmt: skip


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as a dict; a key given twice would silently keep only its last value."""
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in result if keys.count(key) > 1)
        raise ValueError(f"the key {shown(twice)} appears twice in one object")
    return result


def read_document(path: Path) -> CheckedImport:
    """A progress export read from `path` and checked in full (nothing is written)."""
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#x})",
            hint="an export is written as UTF-8; was the file converted?",
        ) from None
    try:
        document = json.loads(text, object_pairs_hook=_refuse_repeated_keys)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to be a progress export") from None
    except ValueError as exc:  # a key given twice; an integer of more than 4,300 digits
        raise UserError(f"{path}: not valid JSON here: {exc}") from None
    return check_document(document, str(path))


def import_progress(store: Store, imported: CheckedImport) -> dict[str, int]:
    """Replace the store's progress with the checked export's, in one transaction."""
    replace_tables(store, exported_tables(store), imported.tables)
    return {table: len(rows) for table, rows in imported.tables.items()}


def export_csv(store: Store, path: Path) -> int:
    rows = review_log_rows(store, CSV_COLUMNS)
    count = 0
    # `path` is the export's own temporary file (fsutil.output_file puts it in place).
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            count += 1
    return count


def write_json(document: dict[str, Any], path: Path) -> None:
    """Into the export's own temporary file (fsutil.output_file puts it in place)."""
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
