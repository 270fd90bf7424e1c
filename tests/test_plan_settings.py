"""The settings of the daily plan: the interview date, the caps, load balancing; and the
new-card pacing toward the date."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from interviewprep.app import App
from interviewprep.config import Config, load_config
from interviewprep.errors import ConfigError
from interviewprep.study.pacing import (
    INTRODUCED_BEFORE,
    in_final_days,
    interview_morning,
    pace_new_cards,
)

NOW = datetime(2026, 12, 6, 18, 0, tzinfo=timezone.utc)


def app_at(home: Path, now: datetime = NOW) -> App:
    return App(home, clock=lambda: now)


def test_defaults_leave_the_plan_off() -> None:
    config = Config()
    assert config.interview_date is None
    assert (config.max_new_per_day, config.max_reviews_per_day) == (50, 200)
    assert config.load_balance is True


def test_interview_date_is_saved_as_a_toml_date_and_read_back(isolated_home: Path) -> None:
    saved = app_at(isolated_home).set_setting("interview_date", "2027-01-15")
    assert saved.value == date(2027, 1, 15)
    assert "interview_date = 2027-01-15\n" in saved.file.read_text()
    assert load_config(saved.file).interview_date == date(2027, 1, 15)
    app_at(isolated_home).set_setting("interview_date", None)
    assert load_config(saved.file).interview_date is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-12-05", "that day has passed (today is 2026-12-06)"),
        ("2029-01-01", "more than two years away"),
        ("tomorrow", "expected a date as YYYY-MM-DD"),
        ("2027-02-30", "expected a date as YYYY-MM-DD"),
        ("2027-01-15T08:00:00", "expected a date as YYYY-MM-DD"),
    ],
)
def test_a_bad_interview_date_is_refused_with_what_is_expected(
    isolated_home: Path, text: str, fragment: str
) -> None:
    with pytest.raises(ConfigError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        app_at(isolated_home).set_setting("interview_date", text)
    assert not (isolated_home / "config.toml").exists()


def test_today_and_two_years_ahead_are_accepted(isolated_home: Path) -> None:
    assert app_at(isolated_home).set_setting("interview_date", "2026-12-06").value == date(
        2026, 12, 6
    )
    assert app_at(isolated_home).set_setting("interview_date", "2028-12-05").value


def test_a_date_that_passed_while_set_still_loads(isolated_home: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "config.toml").write_text("interview_date = 2020-01-01\n")
    assert load_config(isolated_home / "config.toml").interview_date == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("key", "text"),
    [("max_reviews_per_day", "0"), ("max_new_per_day", "-1"), ("load_balance", "yes")],
)
def test_caps_and_switch_are_checked(isolated_home: Path, key: str, text: str) -> None:
    with pytest.raises(ConfigError, match=f"'{key}' cannot be"):
        app_at(isolated_home).set_setting(key, text)


def test_caps_and_switch_are_set(isolated_home: Path) -> None:
    app = app_at(isolated_home)
    app.set_setting("max_reviews_per_day", "120")
    app.set_setting("load_balance", "false")
    config = load_config(isolated_home / "config.toml")
    assert (config.max_reviews_per_day, config.load_balance) == (120, False)


def test_pacing_spreads_the_cards_over_the_days_before_the_deadline() -> None:
    interview = date(2027, 1, 31)
    pacing = pace_new_cards(700, date(2027, 1, 1), interview, new_per_day=10, max_new_per_day=50)
    assert pacing.deadline == interview - INTRODUCED_BEFORE == date(2027, 1, 24)
    assert pacing.days_to_deadline == 24
    assert pacing.per_day == 30  # ceil(700 / 24)
    assert pacing.allowance == 30 and pacing.reachable and pacing.short_by == 0


def test_pacing_keeps_the_persons_own_rate_as_the_least() -> None:
    pacing = pace_new_cards(20, date(2027, 1, 1), date(2027, 3, 1), new_per_day=15,
                            max_new_per_day=50)  # fmt: skip
    assert pacing.per_day == 1 and pacing.allowance == 15


def test_pacing_says_by_how_much_the_cap_misses_the_date() -> None:
    pacing = pace_new_cards(1000, date(2027, 1, 1), date(2027, 1, 18), new_per_day=10,
                            max_new_per_day=50)  # fmt: skip
    assert pacing.days_to_deadline == 11
    assert pacing.allowance == 50
    assert not pacing.reachable and pacing.short_by == 1000 - 50 * 11


def test_pacing_past_the_deadline_introduces_what_is_left_at_the_cap() -> None:
    pacing = pace_new_cards(80, date(2027, 1, 12), date(2027, 1, 15), new_per_day=10,
                            max_new_per_day=50)  # fmt: skip
    assert pacing.allowance == 50 and not pacing.reachable and pacing.short_by == 80
    done = pace_new_cards(0, date(2027, 1, 12), date(2027, 1, 15), new_per_day=10,
                          max_new_per_day=50)  # fmt: skip
    assert done.reachable and done.short_by == 0


def test_final_days_and_the_morning() -> None:
    assert [in_final_days(date(2027, 1, d), date(2027, 1, 15)) for d in (11, 12, 14, 15)] == [
        False, True, True, False,
    ]  # fmt: skip
    from zoneinfo import ZoneInfo

    morning = interview_morning(date(2027, 1, 15), ZoneInfo("America/New_York"))
    assert morning == datetime(2027, 1, 15, 13, 0, tzinfo=timezone.utc)


def test_setting_or_clearing_the_date_changes_no_recorded_review(
    isolated_home: Path, write_bank
) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.store import open_store
    from tests.banks import bank_text

    bank = write_bank(bank_text("flashcard", "mcq", "numeric")).parent
    app = App(isolated_home, clock=lambda: NOW, extra_banks=[bank])
    with app.study(decks=["deck"]) as session:
        while session.next_card() is not None:
            session.answer(3)

    def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with open_store(isolated_home / "progress.sqlite3") as store:
            log = store.conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()
            states = store.conn.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
        return [tuple(r) for r in log], [tuple(r) for r in states]

    before = snapshot()
    assert before[0]
    app.set_setting("interview_date", "2026-12-20")
    app.today(decks=["deck"])
    app.stats()
    app.set_setting("interview_date", None)
    assert snapshot() == before


def test_the_interview_date_goes_through_export_and_import(
    isolated_home: Path, tmp_path: Path
) -> None:
    app = app_at(isolated_home)
    app.set_setting("interview_date", "2027-01-15")
    app.set_setting("max_reviews_per_day", "150")
    exported = tmp_path / "progress.json"
    app.portable.export_json(exported)
    import json

    assert json.loads(exported.read_text())["config"]["interview_date"] == "2027-01-15"
    other = app_at(tmp_path / "other")
    other.portable.import_json(exported)
    config = load_config(tmp_path / "other" / "config.toml")
    assert (config.interview_date, config.max_reviews_per_day) == (date(2027, 1, 15), 150)


def test_today_and_stats_predict_the_same_recall_for_the_interview(
    isolated_home: Path, write_bank
) -> None:  # type: ignore[no-untyped-def]
    """One prediction: over the selection's studied cards, suspended ones left out."""
    from datetime import timedelta

    from interviewprep.study.card_states import FlagChange
    from tests.banks import bank_text

    bank = write_bank(bank_text("flashcard", "mcq", "numeric", "short")).parent
    before = NOW - timedelta(days=3)
    app = App(isolated_home, clock=lambda: before, extra_banks=[bank])
    with app.study(decks=["deck"]) as session:
        for rating in (1, 2, 3, 4):
            assert session.next_card() is not None
            session.answer(rating)
    app = App(isolated_home, clock=lambda: NOW, extra_banks=[bank])
    app.set_setting("interview_date", "2026-12-20")
    app.change_cards(["t-short"], FlagChange.SUSPEND)
    look = app.today(decks=["deck"]).interview
    day = app.stats(decks=["deck"]).interview
    assert look is not None and day is not None
    assert (look.studied, look.predicted_recall, look.below_target) == (
        day.studied, day.mean_recall, day.below_target)  # fmt: skip
    assert look.studied == 3
