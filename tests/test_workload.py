"""`stats --workload`: the cost of each retention target, simulated with fsrs's Scheduler
from the person's cards and habits; seeded, rising with the target, sampled at scale."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from rich.console import Console

from interviewprep.cli.stats_ui import workload_view
from interviewprep.store.reviews import CardRecord
from interviewprep.study.workload import (
    DEFAULT_FIRST_SHARES,
    DEFAULT_PASS_SHARES,
    SAMPLE_CARDS,
    TARGETS,
    AnswerHabits,
    WorkloadInputs,
    _new_arrivals,
    answer_habits,
    simulate_workload,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
HABITS = AnswerHabits(DEFAULT_FIRST_SHARES, DEFAULT_PASS_SHARES, 12.0, False)


def collection(n: int, seed: int = 1, prefix: str = "c") -> list[CardRecord]:
    """Review cards as a few months of study leave them: stabilities from a day to a
    few months (median a week), each part way through its interval."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        stability = rng.lognormvariate(2.0, 1.0)
        interval = max(1.0, stability)  # at 0.9 the interval is about the stability
        last = NOW - timedelta(days=rng.uniform(0, interval))
        records.append(CardRecord(f"{prefix}{i:06d}", 2, None, stability, rng.uniform(3, 8),
                                  last + timedelta(days=interval), last, 5, 0,
                                  NOW - timedelta(days=90)))  # fmt: skip
    return records


def inputs(studied: list[CardRecord], new: int = 100, per_day: int = 10) -> WorkloadInputs:
    return WorkloadInputs(studied, new, per_day, None, 0.9, HABITS)


@pytest.fixture(scope="module")
def realistic():  # type: ignore[no-untyped-def]
    return simulate_workload(inputs(collection(600)), NOW, days=30, seed=7)


def test_every_target_from_070_to_097(realistic) -> None:  # type: ignore[no-untyped-def]
    assert TARGETS[0] == 0.70 and TARGETS[-1] == 0.97 and len(TARGETS) == 28
    assert [t.desired_retention for t in realistic.targets] == list(TARGETS)
    assert all(len(t.reviews_by_day) == 30 for t in realistic.targets)
    for t in realistic.targets:
        assert t.reviews_per_day == round(sum(t.reviews_by_day) / 30, 1)
        assert t.minutes_per_day == round(sum(t.reviews_by_day) / 30 * 12.0 / 60, 1)


def test_a_higher_target_costs_more_and_keeps_more(realistic) -> None:  # type: ignore[no-untyped-def]
    by_target = {t.desired_retention: t for t in realistic.targets}
    low, high = by_target[0.80], by_target[0.97]
    assert high.reviews_per_day > 1.5 * low.reviews_per_day
    assert high.minutes_per_day > low.minutes_per_day
    assert high.expected_recall > low.expected_recall
    assert by_target[0.90].reviews_per_day > by_target[0.70].reviews_per_day


def test_the_same_seed_gives_the_same_curve(realistic) -> None:  # type: ignore[no-untyped-def]
    again = simulate_workload(inputs(collection(600)), NOW, days=30, seed=7)
    assert again == realistic
    other = simulate_workload(inputs(collection(600)), NOW, days=30, seed=8)
    assert other.targets != realistic.targets


def test_new_cards_arrive_at_the_persons_rate() -> None:
    only_new = simulate_workload(inputs([], new=25, per_day=10), NOW, days=5, seed=0)
    assert only_new.new_cards == 25 and only_new.cards_studied == 0
    first_days = only_new.targets[0].reviews_by_day
    # Every new card is answered on its first day (several times: the learning steps).
    assert first_days[0] >= 10 and first_days[2] >= 5 and first_days[3] < first_days[0]
    assert simulate_workload(inputs([], new=0), NOW, days=5).targets[0].reviews_per_day == 0


def test_a_large_collection_is_a_scaled_sample() -> None:
    half = simulate_workload(inputs(collection(SAMPLE_CARDS), new=0), NOW, days=14, seed=3)
    # Twice the same cards under other ids: a sample of SAMPLE_CARDS, each counting twice.
    double = collection(SAMPLE_CARDS) + collection(SAMPLE_CARDS, prefix="d")
    whole = simulate_workload(inputs(double, new=0), NOW, days=14, seed=3)
    assert not half.sampled and whole.sampled
    assert (whole.cards_studied, whole.cards_simulated) == (2 * SAMPLE_CARDS, SAMPLE_CARDS)
    for one, two in zip(half.targets, whole.targets, strict=True):
        assert two.reviews_per_day == pytest.approx(2 * one.reviews_per_day, rel=0.15)


def test_new_arrivals_beyond_the_sample_add_up() -> None:
    assert _new_arrivals(25, 10, 4) == ([10, 10, 5, 0], 1.0)
    per_day, weight = _new_arrivals(3000, 100, 30)
    assert sum(per_day) == SAMPLE_CARDS and weight == 3.0
    assert max(per_day) - min(per_day) <= 1


def test_habits_come_from_the_persons_answers() -> None:
    answers = [(True, 3, 20_000)] * 30 + [(True, 1, 20_000)] * 10  # first answers
    answers += [(False, 3, 6_000)] * 45 + [(False, 4, 6_000)] * 15 + [(False, 1, 8_000)] * 10
    habits = answer_habits(answers)
    assert habits.from_history
    assert habits.first_shares == (0.25, 0.0, 0.75, 0.0)
    assert habits.pass_shares == (0.0, 0.75, 0.25)
    assert habits.seconds_per_review == 6.0  # the median of 110 answers
    defaults = AnswerHabits(DEFAULT_FIRST_SHARES, DEFAULT_PASS_SHARES, 10.0, False)
    assert answer_habits(answers[:49]) == defaults  # too few to go by


def test_the_persons_habits_change_the_cost() -> None:
    base = inputs(collection(300), new=0)
    easy = replace(base, habits=replace(HABITS, pass_shares=(0.0, 0.0, 1.0)))
    hard = replace(base, habits=replace(HABITS, pass_shares=(1.0, 0.0, 0.0)))
    easy_cost = simulate_workload(easy, NOW, days=30, targets=[0.9]).targets[0]
    hard_cost = simulate_workload(hard, NOW, days=30, targets=[0.9]).targets[0]
    assert hard_cost.reviews_per_day > easy_cost.reviews_per_day


def render(width: int, **change: object) -> str:
    w = simulate_workload(inputs(collection(200), new=20), NOW, days=10, seed=1)
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(workload_view(replace(w, **change),
                                                                          width))  # fmt: skip
    return out.getvalue()


def test_the_chart_marks_the_target_and_a_narrow_terminal_gets_a_table() -> None:
    chart = render(80)
    assert "Reviews a day (left) and minutes (right), next 10 days; | = your 0.90" in chart
    assert "Expected recall after 10 days" in chart and "desired retention" in chart
    assert "At your target 0.90:" in chart and "answer habits defaults" in chart
    assert max(len(line) for line in chart.splitlines()) <= 80
    narrow = render(50)
    assert "Cost of each target over the next 10 days" in narrow
    assert "│   0.70 │" in narrow and "│   0.97 │" in narrow
    assert "fixed sample" in render(80, sampled=True, cards_simulated=1000)


def test_workload_json_and_the_days_bound(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli import assert_clean_failure, run_cli

    result = run_cli("stats", "--workload", "--json", "--days", "7")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"days", "seed", "desired_retention", "cards_studied", "cards_simulated",
                         "new_per_day", "new_cards", "sampled", "habits", "targets"}  # fmt: skip
    assert data["days"] == 7 and len(data["targets"]) == 28
    assert set(data["targets"][0]) == {"desired_retention", "reviews_per_day", "minutes_per_day",
                                       "expected_recall", "reviews_by_day"}  # fmt: skip
    assert len(data["targets"][0]["reviews_by_day"]) == 7
    assert set(data["habits"]) == {"first_shares", "pass_shares", "seconds_per_review",
                                   "from_history"}  # fmt: skip
    too_long = run_cli("stats", "--workload", "--days", "400")
    assert too_long.returncode == 2 and "Traceback" not in too_long.stderr
    assert_clean_failure(run_cli("stats", "--workload", "--deck", "nope"), "no deck named 'nope'")
    assert_clean_failure(run_cli("stats", "--workload", "--since", "2026-01-01"),
                         "--workload simulates the days ahead")  # fmt: skip


def test_the_app_simulates_the_selection_without_suspended_cards(write_bank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.app.core import App
    from interviewprep.store import open_store
    from interviewprep.store.reviews import CardFlags, Review, record_review, save_flags
    from tests.banks import bank_text

    bank = write_bank(bank_text()).parent
    app = App(tmp_path / "home", clock=lambda: NOW, extra_banks=[bank])
    with open_store(app.store_file) as store:
        for card_id in ("t-flash", "t-mcq", "t-cloze"):
            record = replace(collection(1)[0], card_id=card_id)
            answer = Review(card_id=card_id, reviewed_at=record.last_review, rating=3,  # type: ignore[arg-type]
                            duration_ms=4000, card_type="flashcard", mode="study")  # fmt: skip
            record_review(store, answer, record)
        save_flags(store, CardFlags("t-cloze", suspended=True))
        save_flags(store, CardFlags("t-open", suspended=True))
    deck = app.library.card("t-flash").deck  # type: ignore[union-attr]
    w = app.workload(decks=[deck], days=5)
    total = len(app.library.select(decks=[deck]))
    assert w.cards_studied == 2  # t-flash, t-mcq; t-cloze is suspended
    assert w.new_cards == total - 4  # neither studied nor suspended, within 5 x 20 a day
    assert not w.habits.from_history  # three answers are too few


def test_the_help_does_not_import_plotext() -> None:
    code = "import sys; from interviewprep.cli.app import app; print('plotext' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
