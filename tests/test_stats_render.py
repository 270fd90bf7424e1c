"""The stats dashboard's header, rendered exactly as a person sees it at 80 columns."""

from __future__ import annotations

import io
import json
from dataclasses import asdict

from rich.console import Console

from interviewprep.cli.stats_ui import _today_panel
from interviewprep.progress.stats import (
    DayDue,
    DayReviews,
    InterviewSummary,
    KataSummary,
    PassRate,
    RetentionSplit,
    StateCounts,
    Stats,
    TrueRetention,
)

NO_ANSWERS = RetentionSplit(PassRate(0, 0, None), PassRate(0, 0, None), PassRate(0, 0, None))

FIGURES = Stats(
    generated_at="2026-02-20T17:00:00+00:00", today="2026-02-20", reviews_total=120,
    reviews_today=14, streak_days=4, longest_streak_days=9, due_now=7, new_left_today=20,
    cards_total=400, cards_by_state=StateCounts(new=300, review=90, learning=10),
    cards_by_deck={}, retention_7d=0.875, retention_30d=None, desired_retention=0.9,
    calendar=[DayReviews("2026-02-20", 14)], forecast=[DayDue("2026-02-20", 7)],
    mastery_by_section=[], mastery_by_deck=[],
    katas=KataSummary(total=15, started=2, passed=1, best_seconds={"softmax": 600.0}),
    interviews=InterviewSummary(count=0, mean_score=None),
    true_retention=TrueRetention(21, 0.9, NO_ANSWERS, NO_ANSWERS, NO_ANSWERS), interview=None,
)  # fmt: skip


def test_the_today_panel_exactly() -> None:
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(_today_panel(FIGURES))
    assert out.getvalue() == (
        "╭─ Today ──────────────────────────────────────────────────────────────────────╮\n"
        "│ Reviews today: 14   (all time 120)                                           │\n"
        "│ Due now: 7   New left today: 20                                              │\n"
        "│ Streak: 4 day(s)   Longest: 9                                                │\n"
        "│ Retention 7 days: 88%   30 days: -   (target 90%)                            │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_the_json_form_keeps_the_documented_keys() -> None:
    data = json.loads(json.dumps(asdict(FIGURES)))
    assert data["cards_by_state"] == {
        "new": 300, "learning": 10, "review": 90, "relearning": 0, "suspended": 0
    }  # fmt: skip
    assert data["katas"]["best_seconds"] == {"softmax": 600.0}
    assert data["forecast"] == [{"date": "2026-02-20", "due": 7}]
