"""The interview day in `stats`: predicted recall on the morning of the date (fsrs's own
retrievability), per guide section, the load up to the date, the pacing of new cards,
a date already passed, and the dashboard's panels rendered exactly."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import pytest
from fsrs import Card as FsrsCard
from fsrs import Scheduler, State
from rich.console import Console

from interviewprep.bank.library import load_files
from interviewprep.cli.stats_ui import interview_panel, true_retention_table
from interviewprep.progress.stats import (
    DayDue,
    InterviewDay,
    InterviewSettings,
    NewCardPace,
    PassRate,
    RetentionSplit,
    SectionRecall,
    TrueRetention,
    compute_stats,
)
from interviewprep.store import open_store
from interviewprep.store.reviews import CardFlags, CardRecord, Review, record_review, save_flags
from interviewprep.study.pacing import interview_morning
from tests.banks import bank_text

NOW = datetime(2026, 2, 20, 17, 0, tzinfo=timezone.utc)  # noon in New York (UTC-5)
INTERVIEW = date(2026, 3, 6)  # 14 days ahead; its morning is 08:00 EST, 13:00 UTC
LEARNING, REVIEW = 1, 2
# Each studied card: (state, stability, last review and due relative to NOW).
STUDIED = {
    "t-flash": (REVIEW, 30.0, timedelta(days=-2), timedelta(days=10)),  # Weights
    "t-mcq": (REVIEW, 2.0, timedelta(days=-1), timedelta(days=1)),  # GPT and BERT
    "t-multi": (LEARNING, 1.0, timedelta(hours=-1), timedelta(minutes=10)),  # Tokenization
    "t-short": (REVIEW, 50.0, timedelta(days=-3), timedelta(days=20)),  # suspended below
}


# Local days, streaks and the forecast are read in New York (conftest.py's new_york).
pytestmark = pytest.mark.usefixtures("new_york")


def state(card_id: str) -> CardRecord:
    fsrs_state, stability, last, due = STUDIED[card_id]
    return CardRecord(card_id, fsrs_state, None if fsrs_state == REVIEW else 0, stability, 5.0,
                      NOW + due, NOW + last, 3, 0, NOW - timedelta(days=30))  # fmt: skip


@pytest.fixture
def history(write_bank):  # type: ignore[no-untyped-def]
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        for card_id in STUDIED:
            record = state(card_id)
            answer = Review(card_id=card_id, reviewed_at=record.last_review, rating=3,  # type: ignore[arg-type]
                            duration_ms=4000, card_type="flashcard", mode="study")  # fmt: skip
            record_review(store, answer, record)
        save_flags(store, CardFlags("t-short", suspended=True))
        yield store, cards


def stats(store, cards, day: date = INTERVIEW, parameters=None, *, new=20, cap=50):  # type: ignore[no-untyped-def]
    settings = InterviewSettings(day, 0.9, new, cap, parameters)
    return compute_stats(store, cards, NOW, desired_retention=0.9, new_per_day=new, kata_total=0,
                         interview=settings, fsrs_parameters=parameters).interview  # fmt: skip


def fsrs_recall(card_id: str, at: datetime, parameters=None) -> float:  # type: ignore[no-untyped-def]
    record = state(card_id)
    scheduler = Scheduler(parameters or Scheduler().parameters, desired_retention=0.9)
    card = FsrsCard(state=State(record.fsrs_state), step=record.step,
                    stability=record.stability, difficulty=record.difficulty, due=record.due,
                    last_review=record.last_review)  # fmt: skip
    return float(scheduler.get_card_retrievability(card, at))


def test_recall_on_the_morning_is_fsrs_retrievability(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    day = stats(store, cards)
    morning = interview_morning(INTERVIEW)
    assert morning == datetime(2026, 3, 6, 13, 0, tzinfo=timezone.utc)
    assert (day.date, day.days_left, day.passed) == ("2026-03-06", 14, False)
    assert day.morning == morning.isoformat()
    recall = {cid: fsrs_recall(cid, morning) for cid in ("t-flash", "t-mcq", "t-multi")}
    assert recall["t-mcq"] < 0.9 < recall["t-flash"] and recall["t-multi"] < 0.9
    assert day.studied == 3  # the suspended t-short is not counted
    assert day.mean_recall == round(sum(recall.values()) / 3, 4)
    assert day.below_target == 2
    assert day.by_section == sorted([
        SectionRecall("Weights", 1, round(recall["t-flash"], 4), 0),
        SectionRecall("What is the difference between GPT and BERT?", 1,
                      round(recall["t-mcq"], 4), 1),
        SectionRecall("Tokenization", 1, round(recall["t-multi"], 4), 1),
    ], key=lambda s: s.mean_recall)  # fmt: skip


def test_the_persons_own_parameters_set_the_forgetting_curve(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    own = (*Scheduler().parameters[:20], 0.5)  # a steeper decay than the default 0.1542
    day = stats(store, cards, parameters=own)
    morning = interview_morning(INTERVIEW)
    flash = next(s for s in day.by_section if s.name == "Weights")
    assert flash.mean_recall == round(fsrs_recall("t-flash", morning, own), 4)
    assert flash.mean_recall != round(fsrs_recall("t-flash", morning), 4)


def test_the_load_up_to_the_day_and_the_pacing(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    day = stats(store, cards)
    assert len(day.workload) == 15  # today to the interview day, both included
    assert day.workload[0] == DayDue("2026-02-20", 1)  # t-multi, in ten minutes
    assert day.workload[1] == DayDue("2026-02-21", 1)  # t-mcq
    assert day.workload[10] == DayDue("2026-03-02", 1)  # t-flash
    assert sum(d.due for d in day.workload) == 3  # t-short is suspended
    # t-cloze, t-numeric and t-open never studied: three cards by 2026-02-27.
    assert day.pace == NewCardPace(remaining=3, deadline="2026-02-27", new_today=3,
                                   reachable=True, short_by=0)  # fmt: skip


def test_a_cap_too_low_for_the_date_says_by_how_much(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    # The deadline is 2026-02-21: two days of at most one new card for three cards.
    day = stats(store, cards, date(2026, 2, 28), new=1, cap=1)
    assert day.pace == NewCardPace(remaining=3, deadline="2026-02-21", new_today=1,
                                   reachable=False, short_by=1)  # fmt: skip


def test_a_card_introduced_today_counts_against_todays_pace(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    # As the study queue paces (app/today.py): over the cards new at the start of the day.
    first = NOW - timedelta(hours=1)
    record = CardRecord("t-cloze", LEARNING, 1, 1.0, 5.0, NOW + timedelta(minutes=9), first,
                        1, 0, first)  # fmt: skip
    record_review(store, Review(card_id="t-cloze", reviewed_at=first, rating=3, duration_ms=4000,
                                card_type="cloze", mode="study"), record)  # fmt: skip
    figures = compute_stats(store, cards, NOW, desired_retention=0.9, new_per_day=1,
                            kata_total=0,
                            interview=InterviewSettings(date(2026, 2, 28), 0.9, 1, 1))  # fmt: skip
    assert figures.interview is not None
    assert figures.interview.pace == NewCardPace(remaining=2, deadline="2026-02-21", new_today=0,
                                                 reachable=False, short_by=1)  # fmt: skip
    assert figures.new_left_today == 0


def test_a_date_passed_has_no_prediction(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    day = stats(store, cards, date(2026, 2, 19))
    assert day == InterviewDay("2026-02-19", -1, True, None, 0, None, 0, [], [], None)
    on_the_day = stats(store, cards, date(2026, 2, 20))
    assert on_the_day.days_left == 0 and not on_the_day.passed
    assert [d.date for d in on_the_day.workload] == ["2026-02-20"]


def test_without_a_date_nothing_changes(history) -> None:  # type: ignore[no-untyped-def]
    store, cards = history
    figures = compute_stats(store, cards, NOW, desired_retention=0.9, new_per_day=20,
                            kata_total=0)  # fmt: skip
    assert figures.interview is None


def test_the_app_passes_the_date_from_the_config(write_bank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.app.core import App

    bank = write_bank(bank_text()).parent
    app = App(tmp_path / "home", clock=lambda: NOW, extra_banks=[bank])
    assert app.stats().interview is None
    app.set_setting("interview_date", "2026-03-06")
    day = app.stats().interview
    assert day is not None and day.days_left == 14 and day.studied == 0


RATE = PassRate(22, 25, 0.88)
DAY = InterviewDay(
    date="2026-03-06", days_left=3, passed=False, morning="2026-03-06T13:00:00+00:00",
    studied=40, mean_recall=0.9123, below_target=6,
    by_section=[SectionRecall("Tokenization", 12, 0.81, 5), SectionRecall("Weights", 28, 0.95, 1)],
    workload=[DayDue("2026-03-03", 12), DayDue("2026-03-04", 6), DayDue("2026-03-05", 3),
              DayDue("2026-03-06", 0)],
    pace=NewCardPace(remaining=30, deadline="2026-02-27", new_today=50, reachable=False,
                     short_by=30),
)  # fmt: skip


def render(renderable) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(renderable)
    return out.getvalue()


def test_the_interview_panel_exactly() -> None:
    assert render(interview_panel(DAY, 0.9)) == (
        "╭─ Interview day ──────────────────────────────────────────────────────────────╮\n"
        "│ Interview: 2026-03-06 (in 3 day(s))                                          │\n"
        "│ Predicted recall on the morning: 91% over 40 studied card(s); 6 below the    │\n"
        "│ target 90%                                                                   │\n"
        "│ New cards: 30 to go, 50 today: NOT all by 2026-02-27, 30 short (raise        │\n"
        "│ max_new_per_day)                                                             │\n"
        "│ Recall on the morning by guide section                                       │\n"
        "│ ┏━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━┓                                     │\n"
        "│ ┃ section      ┃ recall ┃ below target ┃                                     │\n"
        "│ ┡━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━┩                                     │\n"
        "│ │ Tokenization │    81% │         5/12 │                                     │\n"
        "│ │ Weights      │    95% │         1/28 │                                     │\n"
        "│ └──────────────┴────────┴──────────────┘                                     │\n"
        "│ Cards due up to the day:                                                     │\n"
        "│ Tue 03 Mar ██████████████████████████████ 12                                 │\n"
        "│ Wed 04 Mar ███████████████                6                                  │\n"
        "│ Thu 05 Mar ████████                       3                                  │\n"
        "│ Fri 06 Mar                                0                                  │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_a_passed_date_panel_offers_to_clear_it() -> None:
    passed = InterviewDay("2026-02-19", -1, True, None, 0, None, 0, [], [], None)
    text = render(interview_panel(passed, 0.9))
    assert "has passed (1 day(s) ago)" in text
    assert "config reset interview_date" in " ".join(text.split())


def test_the_true_retention_table_exactly() -> None:
    none = PassRate(0, 0, None)
    table = TrueRetention(21, 0.9, today=RetentionSplit(RATE, none, RATE),
                          week=RetentionSplit(RATE, PassRate(9, 10, 0.9), PassRate(31, 35, 0.8857)),
                          month=RetentionSplit(RATE, none, RATE))  # fmt: skip
    assert render(true_retention_table(table)) == (
        "True retention (target 90%)                                 \n"
        "┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━┓\n"
        "┃ cards          ┃       today ┃      7 days ┃     30 days ┃\n"
        "┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━┩\n"
        "│ young (<21 d)  │ 88% (22/25) │ 88% (22/25) │ 88% (22/25) │\n"
        "│ mature (≥21 d) │           - │  90% (9/10) │           - │\n"
        "│ all            │ 88% (22/25) │ 89% (31/35) │ 88% (22/25) │\n"
        "└────────────────┴─────────────┴─────────────┴─────────────┘\n"
        "review cards only; Hard, Good, Easy pass, Again fails       \n"
    )


def test_every_json_field_is_documented() -> None:
    from dataclasses import fields
    from pathlib import Path

    from interviewprep.progress.stats import NewCardPace, Stats
    from interviewprep.study.workload import AnswerHabits, TargetCost, Workload

    doc = (Path(__file__).resolve().parent.parent / "docs" / "stats-format.md").read_text()
    for kind in (Stats, InterviewDay, SectionRecall, NewCardPace, TrueRetention, RetentionSplit,
                 PassRate, Workload, AnswerHabits, TargetCost):  # fmt: skip
        for field in fields(kind):
            assert f"`{field.name}`" in doc or f"{field.name}," in doc or (
                f"{{{field.name}" in doc or f" {field.name}}}" in doc or f'"{field.name}"' in doc
            ), f"{kind.__name__}.{field.name} is not in docs/stats-format.md"
