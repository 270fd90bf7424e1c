"""`interviewprep optimize`: refuses thin history, fits and stores parameters otherwise."""

from __future__ import annotations

import pytest

from benchmarks.generate import generated_bank_text
from interviewprep.bank.library import load_files
from interviewprep.config import load_config
from interviewprep.store import open_store
from interviewprep.study.optimize import MIN_REVIEWS, log_loss
from interviewprep.study.scheduling import make_scheduler
from tests.cli import assert_clean_failure, run_cli
from tests.simulate import simulate_days


def cards_for(write_bank, n: int):  # type: ignore[no-untyped-def]
    return list(load_files([write_bank(generated_bank_text(n))]).cards.values())


def test_too_few_reviews_says_how_many_more(write_bank) -> None:
    with open_store() as store:
        answered = simulate_days(store, cards_for(write_bank, 20), 3, new_per_day=5)
    assert 0 < answered < MIN_REVIEWS
    result = run_cli("optimize")
    assert_clean_failure(result, f"{answered} reviews so far")
    assert f"({MIN_REVIEWS - answered} more)" in result.stderr


def test_log_loss_is_lower_for_a_history_that_matches() -> None:
    # Two cards: one always recalled, one always forgotten, a day apart each time.
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    history = [("a", 3, start + timedelta(days=d), 1000) for d in range(0, 40, 4)]
    defaults = make_scheduler().parameters
    forgotten = [(c, 1, t, d) for c, _, t, d in history]
    assert log_loss(defaults, history) < log_loss(defaults, forgotten)


def test_optimize_fits_and_saves_parameters(write_bank) -> None:
    pytest.importorskip("torch")
    with open_store() as store:
        simulate_days(store, cards_for(write_bank, 200), 90, new_per_day=15, recall=0.8)
    result = run_cli("optimize")
    assert result.returncode == 0, result.stderr
    assert "with the fitted ones" in result.stdout and "Saved to config.toml" in result.stdout
    fitted = load_config().fsrs_parameters
    assert fitted is not None and len(fitted) == len(make_scheduler().parameters)
    assert fitted != tuple(make_scheduler().parameters)
