"""SIGINT and SIGKILL at random moments: no answer lost, none half-written, none twice;
SIGKILL during `import json` leaves the store as it was (or as fully imported)."""

from __future__ import annotations

import hashlib
import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest

from interviewprep.paths import store_path
from interviewprep.store import open_store
from tests.pty import Terminal
from tests.test_hardening_concurrency import bank_of

MOMENTS = ["at-prompt", "after-typing", "at-rating", "after-rating"]


def check_store(path: Path) -> list[tuple[str, str, int]]:
    """The invariants; returns (card, reviewed_at, rating) of every answer."""
    conn = sqlite3.connect(path)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        reviews = conn.execute(
            "SELECT card_id, reviewed_at, rating, scheduled FROM review_log ORDER BY id"
        ).fetchall()
        states = {
            r[0]: (r[1], r[2])
            for r in conn.execute("SELECT card_id, last_review, reps FROM card_state")
        }
    finally:
        conn.close()
    ids = [r[0] for r in reviews]
    assert len(ids) == len(set(ids)), "a card answered once has two review rows"
    for card_id, reviewed_at, _, scheduled in reviews:
        assert scheduled == 1
        # The card_state that followed the answer was written with it.
        assert states.get(card_id) == (reviewed_at, 1), card_id
    assert set(states) == set(ids), "a card_state without its review"
    return [(r[0], r[1], r[2]) for r in reviews]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("seed", range(4))
def test_signal_during_study_loses_nothing(seed: int, sig: signal.Signals, tmp_path: Path):
    rng = random.Random(seed * 31 + sig)
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 40)
    term = Terminal("study", "--bank", str(bank.parent), "--deck", "many", "--new", "40")
    committed: list[str] = []  # cards whose verdict was on screen: already saved
    answers = rng.randint(1, 6)
    moment = rng.choice(MOMENTS)
    for n in range(answers + 1):
        screen = term.expect(r"Your answer:")
        card = re.findall(r"Word k- (\d+)\?", screen)[-1]
        last = n == answers
        if last and moment == "at-prompt":
            time.sleep(rng.uniform(0, 0.3))
            break
        term.line(f"w{card}" if rng.random() < 0.7 else "nope")
        if last and moment == "after-typing":
            time.sleep(rng.uniform(0, 0.05))  # the answer may or may not be saved yet
            break
        term.expect(r"Enter keeps it")
        committed.append(f"k-{int(card):04d}")
        if last and moment == "at-rating":
            time.sleep(rng.uniform(0, 0.3))
            break
        term.send(rng.choice("\r\r1234"))  # keep the proposal, or re-rate it
        if last:
            time.sleep(rng.uniform(0, 0.05))
            break
    term.child.kill(sig)
    try:
        term.child.expect(pexpect.EOF, timeout=20)
    finally:
        term.child.close(force=True)
    if sig == signal.SIGINT:
        tail = term.child.before or ""
        assert "Traceback" not in tail, tail

    reviews = check_store(store_path())
    saved = [r[0] for r in reviews]
    assert saved[: len(committed)] == committed  # every answer seen on screen is kept
    assert len(saved) <= len(committed) + 1  # at most the one being typed as the signal came


@pytest.mark.parametrize("how", ["ctrl-d", "sigint"])
@pytest.mark.parametrize("kind", ["mcq", "multi"])
def test_ctrl_d_and_sigint_quit_a_menu(kind: str, how: str, write_bank) -> None:  # type: ignore[no-untyped-def]
    from tests.banks import bank_text

    bank = write_bank(bank_text(kind))
    term = Terminal("study", "--bank", str(bank.parent), "--deck", "deck")
    term.expect(r"skip, bury, suspend, flag, undo or quit")
    if how == "ctrl-d":
        term.send("\x04")
    else:
        term.send("")  # the menu has the terminal
        term.child.kill(signal.SIGINT)
    assert "Every answer you gave is saved" in term.expect(r"Session summary")
    assert term.wait_exit() == 0
    assert "Traceback" not in term.text()


def test_sigint_at_the_proposed_rating_ends_the_session(tmp_path: Path) -> None:
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 3)
    term = Terminal("study", "--bank", str(bank.parent), "--deck", "many")
    term.expect(r"Your answer:")
    term.line("w0")
    term.expect(r"Proposed \w+ \(Enter keeps it\)")
    term.send("")
    term.child.kill(signal.SIGINT)
    assert "Every answer you gave is saved" in term.expect(r"Session summary")
    assert term.wait_exit() == 0
    assert [r[0] for r in check_store(store_path())] == ["k-0000"]


# -- import json -----------------------------------------------------------------------------


def big_export(path: Path, rows: int, seed: int) -> None:
    """A valid export with `rows` answers over 500 cards."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    review_log = []
    for i in range(rows):
        at = start + timedelta(minutes=i)
        review_log.append({
            "id": i + 1, "card_id": f"c-{i % 500}", "reviewed_at": at.isoformat(),
            "rating": rng.randint(1, 4), "duration_ms": rng.randint(1000, 9000),
            "card_type": "short", "answer": "x", "correct": 1, "mode": "study", "scheduled": 1,
            "state_before": None, "interval_days": 1.5, "due_after": at.isoformat(),
            "day": at.date().isoformat(), "prior_state": None,
        })  # fmt: skip
    card_state = [
        {"card_id": f"c-{i}", "fsrs_state": 2, "step": None, "stability": 3.0,
         "difficulty": 5.0, "due": start.isoformat(), "last_review": start.isoformat(),
         "reps": 3, "lapses": 0, "first_reviewed": start.isoformat()}
        for i in range(500)
    ]  # fmt: skip
    document = {
        "format": "interviewprep-progress", "version": 1,
        "exported_at": start.isoformat(), "schema_version": 2, "config": {},
        "card_state": card_state, "card_flags": [], "review_log": review_log,
        "kata_progress": [], "kata_attempt": [], "interview_session": [],
    }  # fmt: skip
    path.write_text(json.dumps(document), encoding="utf-8")


def fingerprint(path: Path) -> str:
    """Counts and every row of every progress table, as one digest."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for table in ("card_state", "card_flags", "review_log", "kata_progress",
                      "kata_attempt", "interview_session"):  # fmt: skip
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            digest.update(f"{table}:{len(rows)}:{rows!r}".encode())
        return digest.hexdigest()
    finally:
        conn.close()


def test_sigkill_during_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    from tests.banks import bank_text
    from tests.simulate import simulate_days

    library_path = tmp_path / "b" / "deck.yaml"
    library_path.parent.mkdir()
    library_path.write_text(bank_text(), encoding="utf-8")
    from interviewprep.bank.library import load_files

    cards = list(load_files([library_path]).cards.values())
    with open_store() as store:
        simulate_days(store, cards, 15, seed=5)
    path = store_path()
    before = fingerprint(path)
    export = tmp_path / "big.json"
    big_export(export, 200_000, seed=1)

    # The imported state, for comparison: a full import into a copy of the data folder.
    done = subprocess.run(
        [sys.executable, "-m", "interviewprep", "import", "json", str(export)],
        env={**_env(), "INTERVIEWPREP_HOME": str(tmp_path / "other")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = fingerprint(tmp_path / "other" / "progress.sqlite3")
    assert after != before

    rng = random.Random(2024)
    outcomes = []
    for _ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "interviewprep", "import", "json", str(export)],
            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # Wait until the safety backup is written: the replacing transaction comes next.
        backups = path.parent / "backups"
        while proc.poll() is None and not list(backups.glob("before-import-*.sqlite3")):
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.kill()
        proc.wait()
        state = fingerprint(path)
        with open_store() as store:
            assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert state in (before, after)
        outcomes.append("before" if state == before else "after")
        if state == after:  # it finished first: put the old store back for the next try
            break
        for old in backups.iterdir():
            old.unlink()
    assert "before" in outcomes, outcomes  # at least one kill landed mid-import


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_COLOR": "1"}
