"""A small, valid progress export (every table, every kind of field) and ways to look at
the data folder, for the import tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from interviewprep.store.db import SCHEMA_VERSION


def card_state(card_id: str = "attention-1", **change: Any) -> dict[str, Any]:
    row = {
        "card_id": card_id, "fsrs_state": 2, "step": None, "stability": 3.25,
        "difficulty": 5.5, "due": "2026-03-04T09:00:00+00:00",
        "last_review": "2026-03-01T09:00:00.250000+00:00", "reps": 3, "lapses": 1,
        "first_reviewed": "2026-02-20T09:00:00+00:00",
    }  # fmt: skip
    return {**row, **change}


def review(review_id: int, card_id: str = "attention-1", **change: Any) -> dict[str, Any]:
    before = card_state(card_id, fsrs_state=1, step=1, stability=1.5, difficulty=5.0, reps=2)
    row = {
        "id": review_id, "card_id": card_id, "reviewed_at": "2026-03-01T09:00:00.250000+00:00",
        "rating": 3, "duration_ms": 4200, "card_type": "flashcard", "answer": "café ✓",
        "correct": None, "mode": "study", "scheduled": 1, "state_before": json.dumps(before),
        "interval_days": 3.0, "due_after": "2026-03-04T09:00:00+00:00", "day": "2026-03-01",
        "prior_state": 1,
    }  # fmt: skip
    return {**row, **change}


def sample_document() -> dict[str, Any]:
    return {
        "format": "interviewprep-progress",
        "version": 1,
        "exported_at": "2026-03-02T08:00:00+00:00",
        "schema_version": SCHEMA_VERSION,
        "config": {"new_per_day": 8, "desired_retention": 0.85, "bank_dirs": ["~/decks"]},
        "card_state": [
            card_state(),
            card_state(
                "softmax-2",
                fsrs_state=1,
                step=0,
                stability=None,
                difficulty=None,
                last_review=None,
                reps=0,
                lapses=0,
            ),
        ],
        "card_flags": [
            {
                "card_id": "attention-1",
                "suspended": 0,
                "buried_until": None,
                "flagged": 1,
                "leech": 0,
            },
            {
                "card_id": "softmax-2",
                "suspended": 1,
                "buried_until": "2026-03-03T04:00:00+00:00",
                "flagged": 0,
                "leech": 1,
            },
        ],
        "review_log": [
            review(1),
            review(
                2,
                mode="quiz",
                scheduled=0,
                correct=1,
                answer=None,
                state_before=None,
                prior_state=None,
                interval_days=None,
                due_after=None,
                day=None,
            ),
        ],
        "kata_progress": [
            {
                "kata": "softmax",
                "track": "numpy",
                "started_at": "2026-02-21T10:00:00+00:00",
                "passed_at": "2026-02-21T10:30:00+00:00",
                "hints_shown": 2,
            },
        ],
        "kata_attempt": [
            {
                "id": 1,
                "kata": "softmax",
                "track": "numpy",
                "checked_at": "2026-02-21T10:30:00+00:00",
                "status": "passed",
                "cases_passed": 5,
                "cases_total": 5,
                "duration_ms": 700,
            },
        ],
        "interview_session": [
            {
                "id": 1,
                "started_at": "2026-02-22T18:00:00+00:00",
                "finished_at": "2026-02-22T18:20:00+00:00",
                "questions": 2,
                "mean_score": 3.5,
                "transcript": "/home/me/interviews/2026-02-22-180000.md",
            },
        ],
        "kata_card": [
            {
                "kata": "softmax",
                "track": "numpy",
                "fsrs_state": 2,
                "step": None,
                "stability": 2.3065,
                "difficulty": 2.118,
                "due": "2026-02-23T10:30:00+00:00",
                "last_review": "2026-02-21T10:30:00+00:00",
                "reps": 1,
                "lapses": 0,
                "first_reviewed": "2026-02-21T10:30:00+00:00",
            },
        ],
        "kata_round": [
            {
                "id": 1,
                "kata": "softmax",
                "track": "numpy",
                "started_at": "2026-02-21T10:00:00+00:00",
                "finished_at": "2026-02-21T10:30:00+00:00",
                "outcome": "passed",
                "rating": 2,
                "failed_checks": 0,
                "hints": 2,
                "seconds": 1800.0,
            },
            {
                "id": 2,
                "kata": "softmax",
                "track": "torch",
                "started_at": "2026-02-23T08:00:00+00:00",
                "finished_at": None,
                "outcome": None,
                "rating": None,
                "failed_checks": 1,
                "hints": 0,
                "seconds": None,
            },
        ],
    }


def folder_state(home: Path) -> dict[str, str]:
    """Every file under the data folder and a hash of its bytes: equal before and after
    means nothing at all was written (store, journals, backups, config)."""
    if not home.exists():
        return {}
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }
