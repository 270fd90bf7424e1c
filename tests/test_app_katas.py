"""The kata rules through the app layer, in-process: tracks, attempts, hints, the
reference's lock and resets, and the day's backup for every command that writes."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from interviewprep.app import App
from interviewprep.errors import UserError
from interviewprep.store.backup import backups
from tests.kata_helpers import own_solution, wrong_attempt

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def app(isolated_home: Path, tmp_path: Path) -> App:
    app = App(isolated_home, clock=lambda: NOW)
    (isolated_home).mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(f'kata_workspace = "{tmp_path / "ws"}"\n')
    return app


def test_the_track_is_asked_for_then_the_files_then_the_last_worked_on(app: App) -> None:
    assert app.katas.resolve("softmax").track == "numpy"
    app.katas.start("softmax", "torch")
    assert app.katas.resolve("softmax").track == "torch"  # the one started
    assert app.katas.resolve("softmax", "numpy").track == "numpy"
    assert app.katas.resolve("softmax", file=Path("x/softmax_numpy.py")).track == "numpy"
    with pytest.raises(UserError):
        app.katas.resolve("softmax", "jax")


def test_a_pass_unlocks_the_reference_and_counts_for_every_track(app: App) -> None:
    started = app.katas.start("causal-mask")
    with pytest.raises(UserError, match="not passed 'causal-mask' yet"):
        app.katas.solution("causal-mask")
    blank = app.katas.check(started.file, timeout=20)
    assert not blank.passed and app.katas.statuses()[1].status == "started"  # no attempt
    started.file.path.write_text(wrong_attempt("causal-mask"), encoding="utf-8")
    failing = app.katas.check(started.file, timeout=20)
    assert not failing.passed and app.katas.statuses()[1].status == "failing"
    started.file.path.write_text(own_solution("causal-mask"), encoding="utf-8")
    assert app.katas.check(started.file, timeout=20).passed
    assert app.katas.solution("causal-mask", "torch").track == "torch"  # any track's pass
    assert [b.name for b in backups(app.store_file)] == ["progress-2026-03-02.sqlite3"]


def test_the_shipped_reference_is_graded_but_not_recorded(app: App, tmp_path: Path) -> None:
    from interviewprep.katas.catalog import find_kata

    copy = tmp_path / "causal_mask_numpy.py"
    copy.write_text(find_kata("causal-mask").solution("numpy").read_text(), encoding="utf-8")
    checked = app.katas.check(app.katas.resolve("causal-mask", file=copy), timeout=20)
    assert checked.passed and checked.report.reference_copy and checked.round is None
    assert app.katas.statuses()[1].status == "not started"


def test_hints_come_one_at_a_time_and_a_reset_starts_them_over(app: App) -> None:
    app.katas.start("softmax")
    first, second = app.katas.hint("softmax"), app.katas.hint("softmax")
    assert (first.number, second.number) == (1, 2) and first.text != second.text
    done = app.katas.reset("softmax")
    assert done.file.path.is_file()
    assert app.katas.hint("softmax").number == 1
