"""Export and import of all progress as one JSON document (see docs/progress-format.md),
and the review log as CSV.

An import is validated completely before anything is written, then replaces the
store's progress in one transaction: a bad file, or a crash half-way, changes nothing.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewprep.errors import UserError
from interviewprep.store.db import SCHEMA_VERSION, Store

FORMAT_NAME = "interviewprep-progress"
FORMAT_VERSION = 1

# Column: (kind, may be null). "time" is ISO-8601 text with a time zone.
TABLES: dict[str, dict[str, tuple[str, bool]]] = {
    "card_state": {
        "card_id": ("text", False), "fsrs_state": ("int", False), "step": ("int", True),
        "stability": ("real", True), "difficulty": ("real", True), "due": ("time", False),
        "last_review": ("time", True), "reps": ("int", False), "lapses": ("int", False),
        "first_reviewed": ("time", False),
    },
    "card_flags": {
        "card_id": ("text", False), "suspended": ("int", False), "buried_until": ("time", True),
        "flagged": ("int", False), "leech": ("int", False),
    },
    "review_log": {
        "id": ("int", False), "card_id": ("text", False), "reviewed_at": ("time", False),
        "rating": ("int", False), "duration_ms": ("int", False), "card_type": ("text", False),
        "answer": ("text", True), "correct": ("int", True), "mode": ("text", False),
        "scheduled": ("int", False), "state_before": ("text", True),
        "interval_days": ("real", True), "due_after": ("time", True), "day": ("text", True),
        "prior_state": ("int", True),
    },
    "kata_progress": {
        "kata": ("text", False), "track": ("text", False), "started_at": ("time", False),
        "passed_at": ("time", True), "hints_shown": ("int", False),
    },
    "kata_attempt": {
        "id": ("int", False), "kata": ("text", False), "track": ("text", False),
        "checked_at": ("time", False), "status": ("text", False),
        "cases_passed": ("int", False), "cases_total": ("int", False),
        "duration_ms": ("int", False),
    },
    "interview_session": {
        "id": ("int", False), "started_at": ("time", False), "finished_at": ("time", True),
        "questions": ("int", False), "mean_score": ("real", True), "transcript": ("text", False),
    },
}  # fmt: skip

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
    for table, columns in TABLES.items():
        names = ", ".join(columns)
        rows = store.conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
        document[table] = [dict(zip(columns, row, strict=True)) for row in rows]
    return document


def _check_value(value: Any, kind: str, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "real":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if not isinstance(value, str):
        return False
    if kind == "time":
        try:
            return datetime.fromisoformat(value).tzinfo is not None
        except ValueError:
            return False
    return True


def validate_document(document: Any, source: str) -> None:
    """Raise UserError naming the first thing wrong; return when the whole file is sound."""
    if not isinstance(document, dict):
        raise UserError(f"{source}: not an interviewprep progress export (expected an object)")
    if document.get("format") != FORMAT_NAME:
        raise UserError(f"{source}: not an interviewprep progress export (format is "
                        f"{document.get('format')!r}, expected {FORMAT_NAME!r})")  # fmt: skip
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(f"{source}: 'version' must be a whole number, got {version!r}")
    if version > FORMAT_VERSION:
        raise UserError(
            f"{source}: export format version {version} is newer than this interviewprep "
            f"reads ({FORMAT_VERSION})",
            hint="upgrade interviewprep, then import again; nothing was changed",
        )
    if not isinstance(document.get("config"), dict):
        raise UserError(f"{source}: 'config' must be an object")
    for table, columns in TABLES.items():
        rows = document.get(table)
        if not isinstance(rows, list):
            raise UserError(f"{source}: '{table}' must be a list of rows")
        for index, row in enumerate(rows):
            where = f"{source}: {table}[{index}]"
            if not isinstance(row, dict) or set(row) != set(columns):
                missing = sorted(set(columns) - set(row)) if isinstance(row, dict) else []
                extra = sorted(set(row) - set(columns)) if isinstance(row, dict) else []
                raise UserError(f"{where}: expected the columns {', '.join(columns)}"
                                + (f"; missing {missing}" if missing else "")
                                + (f"; unknown {extra}" if extra else ""))  # fmt: skip
            for name, (kind, nullable) in columns.items():
                if not _check_value(row[name], kind, nullable):
                    raise UserError(f"{where}: '{name}' is {row[name]!r}; expected {kind}"
                                    + ("" if nullable else " (not null)"))  # fmt: skip


def read_document(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    validate_document(document, str(path))
    return document  # type: ignore[no-any-return]


def import_progress(store: Store, document: dict[str, Any]) -> dict[str, int]:
    """Replace the store's progress with the document's, in one transaction."""
    with store.tx() as conn:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")
        for table, columns in TABLES.items():
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            conn.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                ([row[c] for c in columns] for row in document[table]),
            )
    return {table: len(document[table]) for table in TABLES}


def export_csv(store: Store, path: Path) -> int:
    rows = store.conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM review_log ORDER BY id")
    count = 0
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
                count += 1
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk: leave no half-written file behind
        raise
    return count


def write_json(document: dict[str, Any], path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk: leave no half-written file behind
        raise
