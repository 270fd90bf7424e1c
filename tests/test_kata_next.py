"""Katas on the FSRS scheduler through the app layer, in-process with a fixed clock: a
pass schedules the kata and it comes due again; `kata next` starts it from blank with
the old file in history; ratings by every rule; give-up; the reference; due order; the
next new kata; `kata list --json`'s due field; and `kata next` run as a command."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from interviewprep.app import App
from interviewprep.app.katas import Checked, KataPractice
from interviewprep.errors import UserError
from interviewprep.katas.catalog import find_kata
from interviewprep.katas.schedule import RoundOutcome
from interviewprep.study.rating import Rating
from tests.cli import run_cli
from tests.kata_helpers import own_solution, wrong_attempt

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
TIMEOUT = 20.0


class Clock:
    """A fixed clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def katas(isolated_home: Path, workspace: Path, clock: Clock) -> KataPractice:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(f'kata_workspace = "{workspace}"\n')
    return KataPractice(App(isolated_home, clock=clock), fuzz=False)


def solve(katas: KataPractice, name: str, track: str = "numpy") -> Path:
    path = katas.resolve(name, track).path
    path.write_text(own_solution(name, track), encoding="utf-8")
    return path


def pass_round(katas: KataPractice, name: str, track: str = "numpy") -> Checked:
    """Write a right solution into the workspace file and check it."""
    solve(katas, name, track)
    checked = katas.check(katas.resolve(name, track), TIMEOUT)
    assert checked.passed, checked.report.to_json()
    return checked


def new_name(katas: KataPractice) -> str | None:
    new = katas.next_new()
    return new.name if new else None


def test_a_first_pass_schedules_the_kata_and_it_comes_due_again(
    katas: KataPractice, clock: Clock
) -> None:
    katas.start("softmax")
    assert katas.due() == []
    passed_at = clock.advance(minutes=10)
    result = pass_round(katas, "softmax").round
    assert result is not None
    assert (result.outcome, result.rating) == (RoundOutcome.PASSED, Rating.GOOD)
    assert (result.failed_checks, result.hints, result.seconds) == (0, 0, 600.0)
    assert result.due == passed_at + timedelta(days=2) and result.days_until_due == 2
    assert katas.due() == []  # not yet
    clock.advance(days=2)
    [due] = katas.due()
    assert (due.kata, due.track, due.due) == ("softmax", "numpy", result.due)
    assert 0.8 < due.retrievability < 1.0


def test_checking_an_already_passed_file_again_rates_nothing(
    katas: KataPractice, clock: Clock
) -> None:
    katas.start("softmax")
    pass_round(katas, "softmax")
    again = katas.check(katas.resolve("softmax"), TIMEOUT)
    assert again.passed and again.round is None
    assert katas.check(katas.resolve("softmax"), TIMEOUT).to_json()["round"] is None


def test_kata_next_moves_the_old_file_to_history_and_starts_a_timed_blank_round(
    katas: KataPractice, clock: Clock, workspace: Path
) -> None:
    katas.start("softmax")
    clock.advance(minutes=10)
    pass_round(katas, "softmax")
    katas.hint("softmax")  # after the round: counts for no round
    mine = katas.resolve("softmax").path.read_text(encoding="utf-8")
    clock.now = datetime(2026, 3, 4, 13, 14, 15, tzinfo=timezone.utc)
    started = katas.next()
    assert started.due is not None and started.file is not None and not started.resumed
    assert started.file.path.read_text() == find_kata("softmax").starter("numpy").read_text()
    history = workspace / "softmax" / "history" / "softmax_numpy.20260304-131415.py"
    assert started.history == history and history.read_text(encoding="utf-8") == mine
    assert katas.hint("softmax").number == 1  # hints start over
    clock.advance(minutes=5)
    result = pass_round(katas, "softmax").round
    assert result is not None and result.rating is Rating.HARD  # the hint, in this round
    assert result.seconds == 300.0


def test_two_rounds_in_one_second_keep_both_old_files(workspace: Path) -> None:
    from interviewprep.katas.workspace import practise_again

    kata = find_kata("softmax")
    path, first = practise_again(workspace, kata, "numpy", T0)
    assert first is None and path.is_file()  # nothing to keep yet
    path.write_text("# one\n")
    _, second = practise_again(workspace, kata, "numpy", T0)
    path.write_text("# two\n")
    _, third = practise_again(workspace, kata, "numpy", T0)
    assert second is not None and third is not None
    assert (second.name, third.name) == ("softmax_numpy.20260302-120000.py",
                                         "softmax_numpy.20260302-120000-2.py")  # fmt: skip
    assert (second.read_text(), third.read_text()) == ("# one\n", "# two\n")


def test_a_faster_round_at_the_first_check_without_hints_is_easy(
    katas: KataPractice, clock: Clock
) -> None:
    katas.start("softmax")
    clock.advance(minutes=10)
    pass_round(katas, "softmax")
    clock.advance(days=2)
    assert katas.next().due is not None
    clock.advance(minutes=4)
    faster = pass_round(katas, "softmax").round
    assert faster is not None and faster.rating is Rating.EASY
    clock.now = faster.due
    assert katas.next().due is not None
    clock.advance(minutes=9)  # slower than 4 minutes: Good
    slower = pass_round(katas, "softmax").round
    assert slower is not None and slower.rating is Rating.GOOD


def test_a_pass_after_a_failed_check_is_hard(katas: KataPractice, clock: Clock) -> None:
    started = katas.start("causal-mask")
    blank = katas.check(started.file, TIMEOUT)  # the untouched starter: no attempt
    assert blank.report.not_written and not blank.passed
    started.file.path.write_text(wrong_attempt("causal-mask"), encoding="utf-8")
    assert not katas.check(started.file, TIMEOUT).passed
    clock.advance(minutes=3)
    result = pass_round(katas, "causal-mask").round
    assert result is not None and (result.rating, result.failed_checks) == (Rating.HARD, 1)
    assert result.due == clock.now + timedelta(days=1)


def test_giving_up_is_again_and_brings_the_kata_back_tomorrow(
    katas: KataPractice, clock: Clock
) -> None:
    with pytest.raises(UserError, match="no round of 'softmax' is open"):
        katas.give_up("softmax")
    katas.start("softmax")
    clock.advance(minutes=30)
    result = katas.give_up("softmax")
    assert (result.outcome, result.rating, result.seconds) == (RoundOutcome.GAVE_UP,
                                                                Rating.AGAIN, 1800.0)  # fmt: skip
    assert result.due == clock.now + timedelta(days=1)
    with pytest.raises(UserError):
        katas.give_up("softmax")  # that round is over
    clock.advance(days=1)
    assert [d.kata for d in katas.due()] == ["softmax"]


def test_viewing_the_reference_ends_the_open_rounds_as_again(
    katas: KataPractice, clock: Clock
) -> None:
    katas.start("softmax")
    katas.start("softmax", "torch")
    shown = katas.solution("softmax", force=True)
    assert [(c.track, c.outcome, c.rating) for c in shown.closed] == [
        ("numpy", RoundOutcome.SOLUTION, Rating.AGAIN),
        ("torch", RoundOutcome.SOLUTION, Rating.AGAIN),
    ]
    assert katas.solution("softmax", force=True).closed == ()  # none open now


def test_due_katas_come_most_at_risk_first(katas: KataPractice, clock: Clock) -> None:
    katas.start("softmax")
    pass_round(katas, "softmax")  # Good: stability 2.3 days
    started = katas.start("causal-mask")
    started.file.path.write_text(wrong_attempt("causal-mask"), encoding="utf-8")
    katas.check(started.file, TIMEOUT)  # a failed check
    pass_round(katas, "causal-mask")  # Hard: stability 1.3 days, due first
    katas.start("softmax", "torch")
    katas.give_up("softmax", "torch")  # Again: stability 0.2 days
    clock.advance(days=1)
    assert [(d.kata, d.track) for d in katas.due()] == [("softmax", "torch"),
                                                        ("causal-mask", "numpy")]  # fmt: skip
    clock.advance(days=2)
    due = katas.due()
    assert [(d.kata, d.track) for d in due] == [
        ("softmax", "torch"), ("causal-mask", "numpy"), ("softmax", "numpy")]  # fmt: skip
    assert [d.retrievability for d in due] == sorted(d.retrievability for d in due)
    assert katas.next("numpy").due == due[1]  # the most at risk on the track asked for


def test_a_kata_due_later_today_is_due_now(katas: KataPractice, clock: Clock) -> None:
    from interviewprep.study.days import local_day_start

    katas.start("softmax")
    result = katas.give_up("softmax")
    clock.now = local_day_start(result.due) + timedelta(minutes=1)  # that day, earlier
    assert clock.now < result.due and [d.kata for d in katas.due()] == ["softmax"]


def test_with_nothing_due_next_offers_the_next_new_kata_in_teaching_order(
    katas: KataPractice, clock: Clock
) -> None:
    assert new_name(katas) == "softmax"
    offer = katas.next()
    assert offer.file is None and offer.due is None and offer.new is not None
    assert offer.new.name == "softmax" and not katas.resolve("softmax").path.exists()
    started = katas.next(start_new=True)
    assert started.file is not None and started.file.path.is_file()
    assert new_name(katas) == "causal-mask"
    assert katas.give_up("softmax").rating is Rating.AGAIN  # the new kata's round is open


def test_next_resumes_a_round_already_under_way(katas: KataPractice, clock: Clock) -> None:
    katas.start("softmax")
    katas.give_up("softmax")
    clock.advance(days=1)
    first = katas.next()
    assert first.file is not None
    first.file.path.write_text("# half done\n", encoding="utf-8")
    again = katas.next()
    assert again.resumed and again.history is None and again.file == first.file
    assert first.file.path.read_text() == "# half done\n"


def test_a_pass_from_before_the_kata_schedule_counts_as_good_at_that_pass(
    katas: KataPractice, clock: Clock
) -> None:
    """A store migrated from schema 3 has passes but no kata card."""
    from interviewprep.store.katas import Attempt, record_attempt

    with katas.app.store(writes=True) as store:
        record_attempt(store, Attempt("softmax", "numpy", T0, "passed", 5, 5, 100))
    [status] = [s for s in katas.statuses() if s.name == "softmax"]
    assert status.due == {"numpy": T0 + timedelta(days=2), "torch": None}
    assert new_name(katas) == "causal-mask"
    clock.advance(days=2)
    assert katas.next().due is not None  # its round opens; a pass reviews that card
    clock.advance(minutes=1)
    result = pass_round(katas, "softmax").round
    assert result is not None and result.rating is Rating.GOOD  # no round to be faster than
    assert result.due - clock.now > timedelta(days=2)


def test_kata_list_json_gives_each_tracks_due_date(katas: KataPractice, clock: Clock) -> None:
    katas.start("softmax")
    result = pass_round(katas, "softmax").round
    assert result is not None
    listed = run_cli("kata", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert rows["softmax"]["due"] == {"numpy": result.due.isoformat(), "torch": None}
    assert rows["softmax"]["due_now"] == ["numpy"]  # the real clock is later than 2026-03
    assert rows["causal-mask"]["due"] == {"numpy": None, "torch": None}
    table = run_cli("kata", "list")
    assert re.search(r"softmax .* today", table.stdout), table.stdout


def test_check_prints_the_rating_and_the_next_practice(katas: KataPractice) -> None:
    from rich.console import Console

    from interviewprep.cli.kata_ui import round_line

    katas.start("softmax")
    result = pass_round(katas, "softmax").round
    assert result is not None
    out = Console(width=80, record=True, color_system=None)
    out.print(round_line(result))
    assert out.export_text().strip() == "Rated Good: next practice in 2 days, on 2026-03-04"


def test_the_command_offers_the_next_new_kata_and_starts_it_with_yes(
    isolated_home: Path, tmp_path: Path
) -> None:
    offered = run_cli("kata", "next")
    assert offered.returncode == 0, offered.stderr
    assert "No kata is due. The next new kata is softmax" in offered.stdout
    assert "interviewprep kata next --yes" in offered.stdout
    workspace = tmp_path / "user" / "interviewprep-katas"
    assert not (workspace / "softmax").exists()
    started = run_cli("kata", "next", "--yes")
    assert started.returncode == 0, started.stderr
    assert "New kata: softmax" in started.stdout and "kata check softmax" in started.stdout
    assert (workspace / "softmax" / "softmax_numpy.py").is_file()
    gave_up = run_cli("kata", "give-up", "softmax")
    assert gave_up.returncode == 0, gave_up.stderr
    assert "Rated Again: next practice in 1 day" in gave_up.stdout


def test_the_list_fits_80_columns_with_both_tracks_passed_and_scheduled() -> None:
    """The widest rows: a status over both tracks and a due date naming its track."""
    from rich.console import Console

    from interviewprep.cli.kata_ui import kata_table
    from interviewprep.katas.catalog import load_catalog
    from interviewprep.katas.status import kata_statuses
    from interviewprep.store.katas import KataProgress

    catalog = load_catalog()
    progress = {(k.name, t): KataProgress(k.name, t, T0, T0 + timedelta(minutes=5), 1, "passed")
                for k in catalog for t in ("numpy", "torch")}  # fmt: skip
    due = {(k, t): T0 + timedelta(days=3 + (t == "numpy")) for k, t in progress}
    rows = kata_statuses(catalog, progress, due, T0 + timedelta(hours=12))
    out = Console(width=80, record=True, color_system=None)
    out.print(kata_table(rows, 80))
    text = out.export_text()
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80
    assert "next due" in text and "2026-03-05 torch" in text and "…" not in text


def test_in_a_terminal_next_asks_before_starting_the_new_kata(tmp_path: Path) -> None:
    from tests.pty import Terminal

    workspace = tmp_path / "user" / "interviewprep-katas"
    declined = Terminal("kata", "next")
    assert "The next new kata is softmax" in declined.expect(r"Start it now\?")
    declined.line("n")
    assert "interviewprep kata next --yes" in declined.expect(r"kata start softmax")
    assert not (workspace / "softmax").exists()
    accepted = Terminal("kata", "next")
    accepted.expect(r"Start it now\?")
    accepted.line("y")
    accepted.expect(r"kata check softmax")
    assert (workspace / "softmax" / "softmax_numpy.py").is_file()


def test_the_rounds_under_way_are_listed_newest_first(katas: KataPractice, clock: Clock) -> None:
    assert katas.in_progress() == []
    katas.start("softmax")
    clock.advance(minutes=5)
    katas.start("causal-mask")
    assert [(r.kata, r.track) for r in katas.in_progress()] == [
        ("causal-mask", "numpy"), ("softmax", "numpy")]  # fmt: skip
    pass_round(katas, "softmax")
    katas.give_up("causal-mask")
    assert katas.in_progress() == []
