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


def history_of(n: int) -> list:  # type: ignore[type-arg]
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return [(f"c{i % 50}", 3, start + timedelta(days=i), 1000) for i in range(n)]


def test_a_fit_no_better_is_not_saved(monkeypatch: pytest.MonkeyPatch, isolated_home) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.app import App
    from interviewprep.study import optimize

    monkeypatch.setattr("interviewprep.store.reviews.scheduled_reviews",
                        lambda store: history_of(MIN_REVIEWS))  # fmt: skip
    worse = optimize.FitResult(MIN_REVIEWS, 0.30, 0.31, tuple([0.5] * 21))
    monkeypatch.setattr(optimize, "fit_parameters", lambda history, current: worse)
    done = App(isolated_home).optimize()
    assert done.saved is False and done.fit is worse
    assert load_config(isolated_home / "config.toml").fsrs_parameters is None


def test_without_torch_optimize_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from interviewprep.errors import UserError
    from interviewprep.study.optimize import fit_parameters

    real_import = builtins.__import__

    def no_optimizer(name, globals=None, locals=None, fromlist=(), level=0):  # type: ignore[no-untyped-def]
        if name == "fsrs" and fromlist and "Optimizer" in fromlist:
            raise ImportError("No module named 'torch'")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_optimizer)
    with pytest.raises(UserError, match="needs torch") as caught:
        fit_parameters(history_of(MIN_REVIEWS))
    assert caught.value.hint is not None and "interviewprep[torch]" in caught.value.hint
