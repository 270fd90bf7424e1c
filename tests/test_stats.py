"""Every figure of `stats --json` against a hand-built history, in a fixed time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from interviewprep.bank.library import load_files
from interviewprep.progress.stats import InterviewSummary, KataSummary, StateCounts, compute_stats
from interviewprep.store import open_store
from interviewprep.store.interviews import start_interview, update_interview
from interviewprep.store.katas import Attempt, mark_started, record_attempt
from interviewprep.store.reviews import (
    CardFlags,
    CardRecord,
    Review,
    record_review,
    save_flags,
)
from tests.banks import bank_text

NOW = datetime(2026, 2, 20, 17, 0, tzinfo=timezone.utc)  # noon in New York (UTC-5)
LEARNING, REVIEW, RELEARNING = 1, 2, 3


# Local days, streaks and the forecast are read in New York (conftest.py's new_york).
pytestmark = pytest.mark.usefixtures("new_york")


def record(card_id: str, state: int, due: datetime) -> CardRecord:
    return CardRecord(card_id, state, 0 if state != REVIEW else None, 5.0, 5.0, due,
                      due - timedelta(days=3), 3, 0, due - timedelta(days=30))  # fmt: skip


def review(card_id: str, when: datetime, rating: int, prior: int | None) -> Review:
    before = record(card_id, prior, when) if prior else None
    return Review(card_id=card_id, reviewed_at=when, rating=rating, duration_ms=4000,
                  card_type="flashcard", mode="study", state_before=before)  # fmt: skip


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def history(write_bank):  # type: ignore[no-untyped-def]
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        states = {
            "t-flash": record("t-flash", REVIEW, NOW - timedelta(hours=1)),
            "t-mcq": record("t-mcq", LEARNING, NOW + timedelta(minutes=10)),
            "t-multi": record("t-multi", RELEARNING, NOW - timedelta(minutes=5)),
            "t-cloze": record("t-cloze", REVIEW, NOW - timedelta(days=2)),
            "t-numeric": record("t-numeric", REVIEW, NOW - timedelta(days=1)),
        }
        rows = [
            review("t-cloze", utc(1, 1, 15), 3, REVIEW),  # outside 30 days
            review("t-flash", utc(2, 10, 15), 3, REVIEW),  # within 30 days: recalled
            review("t-flash", utc(2, 18, 4, 30), 1, REVIEW),  # 23:30 on the 17th locally
            review("t-multi", utc(2, 18, 5, 30), 3, LEARNING),  # 00:30 on the 18th locally
            review("t-numeric", utc(2, 19, 15), 4, REVIEW),
            review("t-mcq", utc(2, 20, 14), 3, None),  # today
        ]
        for row in rows:
            record_review(store, row, states.get(row.card_id))
        save_flags(store, CardFlags("t-cloze", suspended=True))
        save_flags(store, CardFlags("t-numeric", buried_until=utc(2, 21, 5)))
        mark_started(store, "softmax", "numpy", utc(2, 19, 10))
        record_attempt(store, Attempt("softmax", "numpy", utc(2, 19, 10, 5), "failed", 3, 9, 900))
        record_attempt(store, Attempt("softmax", "numpy", utc(2, 19, 10, 20), "passed", 9, 9, 900))
        interview_id = start_interview(store, utc(2, 19, 12), store.path.parent / "i.md")
        update_interview(store, interview_id, 2, 4.0, utc(2, 19, 12, 30))
        yield store, cards


def stats(store, cards, **kwargs):  # type: ignore[no-untyped-def]
    return compute_stats(store, cards, NOW, desired_retention=0.9, new_per_day=20,
                         kata_total=9, **kwargs)  # fmt: skip


def test_every_figure(history) -> None:
    store, cards = history
    s = stats(store, cards)
    assert s.today == "2026-02-20"
    assert s.reviews_total == 6
    assert s.reviews_today == 1
    # Local days: Jan 1, Feb 10, 17, 18, 19, 20. In UTC they would be 10, 18, 18, 19, 20.
    assert (s.streak_days, s.longest_streak_days) == (4, 4)
    assert s.due_now == 2  # flash and multi; the buried and suspended ones are not
    assert s.cards_by_state == StateCounts(new=2, learning=1, review=2, relearning=1, suspended=1)
    assert s.retention_7d == 0.5  # Feb 17 forgotten, Feb 19 recalled
    assert s.retention_30d == round(2 / 3, 4)
    calendar = {d.date: d.reviews for d in s.calendar}
    assert len(s.calendar) == 26 * 7
    assert calendar["2026-02-17"] == 1 and calendar["2026-02-18"] == 1
    assert calendar["2026-02-11"] == 0
    assert [d.due for d in s.forecast[:3]] == [3, 1, 0]
    assert len(s.forecast) == 14
    assert s.katas == KataSummary(total=9, started=1, passed=1, best_seconds={"softmax": 1200.0})
    assert s.interviews == InterviewSummary(count=1, mean_score=4.0)
    assert s.new_left_today == 2
    mastery = s.mastery_by_section
    assert [m.mastery for m in mastery] == sorted(m.mastery for m in mastery)
    new_only = next(m for m in mastery if m.name == "Tokenization")  # multi + short
    assert new_only.studied == 1 and 0 < new_only.mastery < 0.5


def test_streak_survives_a_today_without_reviews_yet(history) -> None:
    store, cards = history
    later = compute_stats(store, cards, NOW + timedelta(days=1), desired_retention=0.9,
                          new_per_day=20, kata_total=9)  # fmt: skip
    assert later.streak_days == 4 and later.reviews_today == 0
    gone = compute_stats(store, cards, NOW + timedelta(days=2), desired_retention=0.9,
                         new_per_day=20, kata_total=9)  # fmt: skip
    assert gone.streak_days == 0 and gone.longest_streak_days == 4


def test_deck_and_since_narrow_the_review_figures(history) -> None:
    store, cards = history
    flash_only = [c for c in cards if c.id == "t-flash"]
    s = stats(store, flash_only, deck_filter=True)
    assert s.reviews_total == 2 and s.cards_total == 1
    assert s.retention_30d == 0.5
    since = stats(store, cards, since=date(2026, 2, 18))
    assert since.reviews_total == 3  # the 18th (local), 19th and 20th
    assert since.streak_days == 3


def test_stats_json_command(history) -> None:
    import json

    from tests.cli import run_cli

    result = run_cli("stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("reviews_total", "reviews_today", "streak_days", "due_now", "cards_by_state",
                "retention_30d", "katas"):  # fmt: skip
        assert key in data
    assert data["reviews_total"] == 6
    assert {"new", "learning", "review", "relearning"} <= data["cards_by_state"].keys()
    assert {"total", "passed"} <= data["katas"].keys()


def test_history_lists_answers_and_one_cards_whole_history(history) -> None:
    from tests.cli import assert_clean_failure, run_cli

    result = run_cli("history", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert "2 answer(s)" in result.stdout and "t-mcq" in result.stdout
    assert "t-cloze" not in result.stdout
    one = run_cli("history", "--card", "t-flash")
    assert one.returncode == 0 and "2 answer(s)" in one.stdout and "Again" in one.stdout
    assert_clean_failure(run_cli("history", "--card", "nope"), "no card with id 'nope'")


def test_dashboard_renders(history) -> None:
    from tests.cli import run_cli

    result = run_cli("stats")
    assert result.returncode == 0, result.stderr
    for heading in ("Today", "Activity", "Due in the next 14 days", "Cards by state",
                    "Weakest guide sections", "Practice"):  # fmt: skip
        assert heading in result.stdout


def test_forecast_places_due_times_on_local_days_across_a_clock_change(write_bank) -> None:
    # New York moves to UTC-4 on 2026-03-08: local midnight is 05:00 UTC before, 04:00 after.
    now = utc(3, 1, 17)  # noon on Sunday 1 March, local
    due_times = {
        "t-flash": utc(3, 1, 2),  # overdue: counts today
        "t-mcq": utc(3, 2, 4, 59),  # 23:59 on 1 March: today
        "t-multi": utc(3, 2, 5),  # exactly midnight starting 2 March
        "t-cloze": utc(3, 9, 4, 30),  # 00:30 on 9 March (EDT); 23:30 on the 8th in EST
        "t-numeric": utc(3, 20, 12),  # beyond the 14 days shown
    }
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        for card_id, due in due_times.items():
            first = review(card_id, due - timedelta(days=3), 3, None)
            record_review(store, first, record(card_id, REVIEW, due))
        s = compute_stats(store, cards, now, desired_retention=0.9, new_per_day=20, kata_total=9)
    forecast = {d.date: d.due for d in s.forecast}
    assert s.forecast[0].date == "2026-03-01" and len(forecast) == 14
    assert forecast["2026-03-01"] == 2
    assert forecast["2026-03-02"] == 1
    assert forecast["2026-03-08"] == 0 and forecast["2026-03-09"] == 1
    assert sum(forecast.values()) == 4


def test_weakest_sections_list_only_sections_begun(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli import run_cli

    _, cards = history
    weakest = (
        run_cli("stats", "--bank", str(tmp_path / "banks"))
        .stdout.split("Weakest guide sections")[1]
        .split("Mastery by deck")[0]
    )
    begun = {c.source for c in cards if c.id in ("t-flash", "t-mcq", "t-multi", "t-numeric")}
    assert all(section in weakest for section in begun)
    assert "Explain how attention mechanisms work" not in weakest  # t-open: never studied


def test_dashboard_before_any_study_points_to_study(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli import run_cli

    result = run_cli("stats")
    assert result.returncode == 0, result.stderr
    assert "none started yet" in result.stdout
    assert "Beyond the guide" not in result.stdout.split("Mastery by deck")[0]


def test_calendar_caption_names_the_span_shown(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli import run_cli

    # The command's clock is the real one: a --since inside the last 26 weeks.
    since = date.today() - timedelta(days=10)
    with_since = run_cli("stats", "--since", since.isoformat()).stdout
    assert f"{since.isoformat()} to {date.today().isoformat()}" in with_since
