"""Mock interview sessions: one row each, pointing at its Markdown transcript."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewprep.store.db import Store, optional_time


@dataclass(frozen=True)
class InterviewRecord:
    id: int
    started_at: datetime
    finished_at: datetime | None
    questions: int
    mean_score: float | None
    transcript: Path


def start_interview(store: Store, started_at: datetime, transcript: Path) -> int:
    with store.tx() as conn:
        cursor = conn.execute(
            "INSERT INTO interview_session (started_at, questions, transcript) VALUES (?, 0, ?)",
            (started_at.isoformat(), str(transcript)),
        )
    return int(cursor.lastrowid or 0)


def update_interview(
    store: Store, interview_id: int, questions: int, mean_score: float | None,
    finished_at: datetime | None,
) -> None:  # fmt: skip
    with store.tx() as conn:
        conn.execute(
            "UPDATE interview_session SET questions = ?, mean_score = ?, finished_at = ? "
            "WHERE id = ?",
            (questions, mean_score, finished_at.isoformat() if finished_at else None, interview_id),
        )


def list_interviews(store: Store) -> list[InterviewRecord]:
    rows = store.conn.execute(
        "SELECT id, started_at, finished_at, questions, mean_score, transcript "
        "FROM interview_session ORDER BY started_at DESC"
    )
    return [
        InterviewRecord(
            r[0], datetime.fromisoformat(r[1]),
            optional_time(r[2]), r[3], r[4], Path(r[5]),
        )
        for r in rows
    ]  # fmt: skip
