"""`interviewprep today`: the plan on one screen, each part offered in turn, `--json`,
plain `interviewprep` in a terminal, an interview day that has passed; and, with
libfaketime, the real command a month later."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from interviewprep.store import open_store
from interviewprep.store.reviews import reviews_for
from tests.banks import bank_text
from tests.cli import run_cli
from tests.kata_helpers import own_solution
from tests.pty import Terminal


@pytest.fixture
def bank(write_bank) -> str:  # type: ignore[no-untyped-def]
    text = bank_text("flashcard", "mcq", "open")
    text = re.sub(r"source: .*", "source: 'Beyond the guide: today'", text)
    return str(write_bank(text).parent)


def test_today_shows_the_plan_and_starts_the_study_part(bank: str) -> None:
    term = Terminal("today", "--bank", bank, "--deck", "deck")
    screen = term.expect(r"Study the reviews and new cards — Enter: start")
    assert "Reviews due: 0" in screen and "New cards: 3" in screen
    assert "Next new kata: softmax" in screen
    assert "Interview question (Beyond the guide: today):" in screen
    term.send("\r")
    screen = term.expect(r"Enter: show the answer")
    assert "Card 1 of 3" in screen and "What does a weight do?" in screen
    term.send("\r")
    term.expect(r"Rate: ")
    term.send("3")
    term.expect(r"Which model is decoder-only\?")
    term.child.sendcontrol("c")
    term.expect(r"Session summary")
    term.expect(r"Start the new kata softmax — Enter: start · s: skip · q: quit")
    term.send("\r")
    assert "Your file (the blank starter" in term.expect(r"interviewprep kata watch softmax")
    term.expect(r"Answer the interview question \(Beyond the guide: today\) — Enter")
    term.send("q")
    term.expect(r"See you tomorrow")
    assert term.wait_exit() == 0
    with open_store() as store:
        assert [(r.card_id, r.rating) for r in reviews_for(store)] == [("t-flash", 3)]


def test_plain_interviewprep_in_a_terminal_is_today() -> None:
    term = Terminal()
    screen = term.expect(r"Study the reviews and new cards — Enter")
    assert "Today, " in screen and "New cards: 20" in screen
    term.send("q")
    assert term.wait_exit() == 0


def test_plain_interviewprep_without_a_terminal_prints_the_help() -> None:
    result = run_cli()
    assert result.returncode == 0 and result.stdout.startswith("Usage: ")
    assert re.search(r"^  today ", result.stdout, re.MULTILINE)


def test_today_json_is_the_plan(bank: str, isolated_home: Path) -> None:
    soon = date.today() + timedelta(days=30)
    assert run_cli("config", "set", "interview_date", soon.isoformat()).returncode == 0
    result = run_cli("today", "--json", "--bank", bank, "--deck", "deck")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["reviews"] == 0 and plan["new_cards"] == 3 and plan["deferred"] == 0
    assert plan["katas_due"] == [] and plan["next_new_kata"] == "softmax"
    assert plan["katas_in_progress"] == []
    assert plan["interview_question"]["card_id"] == "t-open"
    outlook = plan["interview"]
    assert outlook["day"] == soon.isoformat() and outlook["days_left"] == 30
    assert outlook["passed"] is False and outlook["on_track"] is True
    assert outlook["pacing"]["remaining"] == 3 and outlook["studied"] == 0
    assert plan["minutes"] == pytest.approx(3 * 45 / 60)


def test_a_passed_interview_day_is_said_and_can_be_cleared(bank: str, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("interview_date = 2026-01-02\n")
    term = Terminal("today", "--bank", bank, "--deck", "deck")
    screen = term.expect(r"y: clear it · n: keep it")
    assert "Interview: Fri 02 Jan 2026 has passed." in screen
    assert "has passed. Clear the date" in screen
    term.send("y")
    term.expect(r"The interview date is cleared")
    term.expect(r"Study the reviews and new cards — Enter")
    term.send("q")
    assert term.wait_exit() == 0
    assert "interview_date" not in (isolated_home / "config.toml").read_text()


def _faketime(offset: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["faketime", "-f", offset, sys.executable, "-m", "interviewprep", *args],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
    )  # fmt: skip


# .ci/run installs libfaketime and sets this, so CI cannot pass by skipping the test.
NEED_FAKETIME = os.environ.get("INTERVIEWPREP_REQUIRE_FAKETIME") == "1"


@pytest.mark.skipif(
    shutil.which("faketime") is None and not NEED_FAKETIME,
    reason="needs libfaketime: apt-get install faketime (.ci/run installs it)",
)
def test_a_month_later_the_kata_is_due_and_the_interview_has_passed(tmp_path: Path) -> None:
    """The real command under libfaketime: a kata passed today is due again a month on,
    and an interview date three weeks away has passed by then."""
    assert run_cli("config", "set", "interview_date",
                   (date.today() + timedelta(days=21)).isoformat()).returncode == 0  # fmt: skip
    assert run_cli("kata", "start", "softmax").returncode == 0
    workspace = Path(os.environ["HOME"]) / "interviewprep-katas" / "softmax" / "softmax_numpy.py"
    workspace.write_text(own_solution("softmax"), encoding="utf-8")
    started = json.loads(run_cli("today", "--json").stdout)
    assert [(k["kata"], k["track"]) for k in started["katas_in_progress"]] == [("softmax", "numpy")]
    checked = run_cli("kata", "check", "softmax")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    now = json.loads(run_cli("today", "--json").stdout)
    assert now["katas_due"] == [] and now["interview"]["passed"] is False
    assert now["katas_in_progress"] == []
    later = _faketime("+30d", "today", "--json")
    assert later.returncode == 0, later.stderr
    plan = json.loads(later.stdout)
    assert [(k["kata"], k["track"]) for k in plan["katas_due"]] == [("softmax", "numpy")]
    assert plan["interview"]["passed"] is True and plan["interview"]["days_left"] == -9
    listed = json.loads(_faketime("+30d", "kata", "list", "--json").stdout)
    softmax = next(k for k in listed if k["name"] == "softmax")
    assert softmax["due"]["numpy"] is not None and softmax["due_now"] == ["numpy"]


def test_study_says_how_many_reviews_the_cap_deferred(bank: str, isolated_home: Path) -> None:
    """Three cards due after days away, max_reviews_per_day = 1: the screen says two are
    deferred, and the session shows one review."""
    from datetime import datetime, timezone

    from interviewprep.app import App

    past = datetime.now(timezone.utc) - timedelta(days=20)
    app = App(isolated_home, clock=lambda: past, extra_banks=[Path(bank)])
    with app.study(decks=["deck"]) as session:
        while session.next_card() is not None:
            session.answer(3)
    app.set_setting("max_reviews_per_day", "1")
    app.set_setting("new_per_day", "0")
    term = Terminal("study", "--bank", bank, "--deck", "deck")
    screen = term.expect(r"Card 1 of 1\b")
    assert "2 more review(s) are due than max_reviews_per_day allows" in screen
    term.child.sendcontrol("c")
    term.expect(r"Session summary")
    assert term.wait_exit() == 0


def test_every_field_of_today_json_is_documented(bank: str) -> None:
    """docs/plan-format.md names each field of the plan and of `interview`, no more."""
    soon = date.today() + timedelta(days=30)
    assert run_cli("config", "set", "interview_date", soon.isoformat()).returncode == 0
    plan = json.loads(run_cli("today", "--json", "--bank", bank, "--deck", "deck").stdout)
    doc = (Path(__file__).parent.parent / "docs" / "plan-format.md").read_text()
    named = set()
    for cell in re.findall(r"^\| ((?:`[^`]+`(?:, )?)+) \|", doc, re.MULTILINE):
        named |= set(re.findall(r"`([^`]+)`", cell))
    interview = plan["interview"]
    actual = set(plan) | set(interview) - {"pacing"} | {f"pacing.{k}" for k in interview["pacing"]}
    assert named == actual


def test_today_offers_to_carry_on_with_a_kata_under_way(bank: str) -> None:
    assert run_cli("kata", "start", "softmax").returncode == 0
    term = Terminal("today", "--bank", bank, "--deck", "deck")
    screen = term.expect(r"Study the reviews and new cards — Enter")
    assert "Katas under way: softmax (numpy)" in screen
    term.send("s")
    term.expect(r"Carry on with the kata softmax \(numpy\) — Enter: start")
    term.send("\r")
    assert "Your file (under way, as you left it)" in term.expect(r"kata watch softmax")
    term.expect(r"Answer the interview question")
    term.send("q")
    assert term.wait_exit() == 0
