"""Two study sessions at once on one store: both sets of answers are kept, an answer
builds on the card's state as stored (another session's answer included), and an undo
never erases what another session wrote."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from interviewprep.bank.library import load_files
from interviewprep.paths import store_path
from interviewprep.store import open_store
from interviewprep.store.reviews import load_record, load_records, reviews_for
from interviewprep.study.session import AnsweredElsewhere, StudySession
from tests.banks import bank_text
from tests.pty import Terminal
from tests.test_session import AGAIN, EASY, GOOD, HARD, FakeClock, session

WORKER = r"""
import sys, time
from datetime import datetime, timezone
from pathlib import Path

from interviewprep.bank.library import load_files
from interviewprep.app import App
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study

bank, go, prefix, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
cards = [c for c in load_files([bank]).cards.values() if c.id.startswith(prefix)]
(go.parent / f"ready-{prefix}").touch()  # imported and loaded: waiting at the line
while not go.exists():  # start together, so the very first open races too
    time.sleep(0.001)
with App().store(writes=True) as store:
    session = open_study(
        store, cards, scheduler=make_scheduler(), clock=lambda: datetime.now(timezone.utc),
        new_per_day=10_000,  # the daily new-card limit is shared by both sessions
    )
    answered = 0
    while session.next_card() is not None and answered < count:
        session.answer(3 if answered % 3 else 1, response=f"{prefix}{answered}", duration_ms=5)
        answered += 1
        if answered % 10 == 0:
            session.undo()  # undo and answer again: two more writes
            session.next_card()
            session.answer(4, duration_ms=5)
print(answered)
"""


def bank_of(path: Path, prefixes: list[str], per: int) -> Path:
    lines = ["format: 1", "title: Many", "cards:"]
    for prefix in prefixes:
        for i in range(per):
            lines += [
                f"  - id: {prefix}{i:04d}",
                "    type: short",
                f"    prompt: Word {prefix} {i}?",
                f"    answer: w{i}",
                "    explanation: Generated.",
                "    tags: [gen]",
                "    difficulty: easy",
                "    source: Weights",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fresh", [True, False], ids=["new-store", "existing-store"])
def test_two_sessions_keep_both_sets_of_answers(fresh: bool, tmp_path: Path) -> None:
    per = 60
    prefixes = ["aa-", "bb-", "cc-"]
    bank = bank_of(tmp_path / "many.yaml", prefixes, per)
    if not fresh:
        open_store().close()
    go = tmp_path / "go"
    env = {**os.environ, "INTERVIEWPREP_NO_CACHE": "1"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(bank), str(go), prefix, str(per)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for prefix in prefixes
    ]
    ready = [tmp_path / f"ready-{prefix}" for prefix in prefixes]
    while not all(r.exists() for r in ready):  # every one imported, waiting at the line
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.005)
    go.touch()
    results = [w.communicate(timeout=120) for w in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert "locked" not in err and out.strip() == str(per), (out, err)

    with open_store() as store:
        rows = reviews_for(store)
        records = load_records(store)
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
        migrations = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
    assert len(migrations) == len(set(migrations))
    for prefix in prefixes:
        mine = [r for r in rows if r.card_id.startswith(prefix)]
        assert len(mine) == per  # undone answers removed, the redo kept
        assert len({r.card_id for r in mine}) == per
        assert sum(1 for c in records if c.startswith(prefix)) == per
    backups = list((store_path().parent / "backups").iterdir())
    assert [p.suffix for p in backups] == [".sqlite3"]  # one day's copy, no .tmp left


# -- two sessions answering the same card ----------------------------------------------------


@pytest.fixture
def two_sessions(write_bank):  # type: ignore[no-untyped-def]
    """Sessions A and B on two connections to one store, both showing the same new card."""
    cards = load_files([write_bank(bank_text("short"))]).cards
    clock = FakeClock()
    with open_store() as a_store, open_store() as b_store:
        a, b = session(a_store, cards, clock), session(b_store, cards, clock)
        assert a.next_card() is not None and b.next_card() is not None
        yield a, b, clock


def stored(s: StudySession) -> tuple[int, int | None]:
    """(answers logged, reps in the card's state) as the store has them now."""
    record = load_record(s.store, "t-short")
    return len(reviews_for(s.store)), record.reps if record else None


def test_an_answer_builds_on_the_other_sessions_answer(two_sessions) -> None:  # type: ignore[no-untyped-def]
    a, b, clock = two_sessions
    first = a.answer(GOOD, duration_ms=1000)
    clock.advance(minutes=1)
    second = b.answer(AGAIN, duration_ms=1000)  # B still shows the card as new
    assert stored(a) == (2, 2)  # not 2 log rows and reps = 1
    assert second.review.state_before == first.record
    assert load_record(a.store, "t-short") == second.record


def test_undo_refuses_to_erase_the_other_sessions_answer(two_sessions) -> None:  # type: ignore[no-untyped-def]
    a, b, clock = two_sessions
    first = a.answer(GOOD, duration_ms=1000)
    clock.advance(minutes=1)
    second = b.answer(AGAIN, duration_ms=1000)
    with pytest.raises(AnsweredElsewhere) as refused:
        a.undo()
    assert refused.value.card_id == "t-short"
    assert stored(a) == (2, 2)  # nothing undone: B's answer and state stay
    assert load_record(a.store, "t-short") == second.record
    assert a.records["t-short"] == second.record  # A now knows the card's real state
    assert b.undo() is not None  # B's own answer is the last one: it can go
    assert load_record(a.store, "t-short") == first.record
    assert a.undo() is not None  # and now A's answer is the last one again
    assert stored(a) == (0, None)


def test_a_changed_rating_refuses_to_erase_the_other_sessions_answer(two_sessions) -> None:  # type: ignore[no-untyped-def]
    a, b, clock = two_sessions
    first = a.answer(GOOD, duration_ms=1000)
    clock.advance(minutes=1)
    second = b.answer(HARD, duration_ms=1000)
    with pytest.raises(AnsweredElsewhere):
        a.rerate(EASY)
    assert [r.rating for r in reviews_for(a.store)] == [GOOD, HARD]
    assert load_record(a.store, "t-short") == second.record
    assert a.answers()[-1].rating == GOOD  # A's answer stands as given
    changed = b.rerate(EASY)  # B's is still the latest: its rating can change
    assert changed.review.state_before == first.record
    assert [r.rating for r in reviews_for(a.store)] == [GOOD, EASY]


def test_two_study_processes_answer_and_undo_the_same_card(tmp_path: Path) -> None:
    """Two real `study` sessions in terminals, on one store, on the same two new cards;
    each step waits for what the other's screen shows."""
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 2)
    open_store().close()  # creating a store at once is the workers' test above
    args = ("study", "--bank", str(bank.parent), "--deck", "many")
    a, b = Terminal(*args), Terminal(*args)
    for term in (a, b):
        assert "Word k- 0?" in term.expect(r"Your answer:")

    a.line("w0")  # right: committed as the proposed rating
    a.expect(r"Enter keeps it")
    b.line("nope")  # wrong, from the state B read at start (new): builds on A's answer
    b.expect(r"Proposed Again \(Enter keeps it")
    with open_store() as store:
        assert len(reviews_for(store)) == 2 and load_record(store, "k-0000").reps == 2

    a.send("u")  # A's undo would erase B's answer
    a.expect(r"k-0000 was answered in another session since; nothing undone")
    a.expect(r"Your answer:")
    with open_store() as store:
        assert len(reviews_for(store)) == 2 and load_record(store, "k-0000").reps == 2

    b.send("\r")  # B keeps Again, then takes it back at the next card
    b.expect(r"Your answer:")
    b.line("/u")
    b.expect(r"Undid the answer to k-0000")
    b.expect(r"Your answer:")
    with open_store() as store:
        [kept] = reviews_for(store)
        assert kept.answer == "w0" and load_record(store, "k-0000").reps == 1

    a.line("/u")  # now A's answer is the card's latest again: undone
    a.expect(r"Undid the answer to k-0000")
    a.expect(r"Your answer:")
    with open_store() as store:
        assert reviews_for(store) == [] and load_record(store, "k-0000") is None

    for term in (a, b):
        term.line("/q")
        term.expect(r"Session summary")
        assert term.wait_exit() == 0
        assert "Traceback" not in term.text()


# -- a store locked by another process ----------------------------------------------------

LOCKER = r"""
import sqlite3, sys, time
from pathlib import Path

store, locked, release = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
conn = sqlite3.connect(store, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")  # the write lock, as a long import would hold it
locked.touch()
while not release.exists():
    time.sleep(0.01)
conn.execute("COMMIT")
"""


def hold_lock(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    """A process holding the store's write lock until the returned file is created."""
    locked, release = tmp_path / "locked", tmp_path / "release"
    helper = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(store_path()), str(locked), str(release)], text=True
    )
    while not locked.exists():
        assert helper.poll() is None, "the locking helper died"
        time.sleep(0.01)
    return helper, release


def test_a_write_waits_out_a_lock_held_longer_than_the_busy_timeout(write_bank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cards = load_files([write_bank(bank_text("short"))]).cards
    with open_store() as store:
        s = session(store, cards, FakeClock())
        assert s.next_card() is not None
        helper, release = hold_lock(tmp_path)
        store.conn.execute("PRAGMA busy_timeout = 50")  # the timeout runs out at once
        told = []

        def busy() -> None:  # the screen says it waits; the lock is then let go
            told.append(True)
            release.touch()

        store.on_busy = busy
        s.answer(GOOD, response="byte pair encoding", duration_ms=5)
        assert helper.wait(timeout=60) == 0
        assert told == [True]
        assert [r.answer for r in reviews_for(store)] == ["byte pair encoding"]
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_lock_is_reported_as_a_lock_never_with_a_restore_hint(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from interviewprep.cli.app import _database_failure
    from interviewprep.store.backup import daily_backup

    with open_store() as store:
        daily_backup(store, 3, date.today())  # a backup exists, and must not be offered
        helper, release = hold_lock(tmp_path)
        store.conn.execute("PRAGMA busy_timeout = 50")
        try:
            with pytest.raises(sqlite3.OperationalError) as locked, store.tx():
                pass
        finally:
            release.touch()
            helper.wait(timeout=60)
    assert _database_failure(locked.value) == 2
    err = capsys.readouterr().err
    assert "is busy: another interviewprep command" in err and "nothing was changed" in err
    assert "restore" not in err and "hint: wait for the other interviewprep command" in err


def test_opening_a_store_held_exclusively_says_busy(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import interviewprep.store.db as db
    from interviewprep.errors import StoreError

    open_store().close()
    locker = LOCKER.replace(
        'conn.execute("BEGIN IMMEDIATE")',
        'conn.execute("PRAGMA locking_mode = EXCLUSIVE"); conn.execute("BEGIN EXCLUSIVE")',
    )
    locked, release = tmp_path / "locked", tmp_path / "release"
    helper = subprocess.Popen(
        [sys.executable, "-c", locker, str(store_path()), str(locked), str(release)]
    )
    while not locked.exists():
        assert helper.poll() is None
        time.sleep(0.01)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    try:
        with pytest.raises(StoreError) as refused:
            open_store()
    finally:
        release.touch()
        helper.wait(timeout=60)
    assert "is busy" in refused.value.message
    assert refused.value.hint is not None and "restore" not in refused.value.hint


def test_study_waits_for_a_locked_store_and_saves_the_answer(tmp_path: Path) -> None:
    """The real thing: the lock outlasts the 10 s busy timeout while an answer is saved."""
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 2)
    term = Terminal("study", "--bank", str(bank.parent), "--deck", "many", timeout=60)
    term.expect(r"Your answer:")
    helper, release = hold_lock(tmp_path)
    term.line("w0")
    term.expect(r"The store is busy \(another interviewprep is writing\); waiting\.\.\.")
    release.touch()
    assert helper.wait(timeout=60) == 0
    term.expect(r"Enter keeps it")
    term.send("q")
    term.expect(r"Session summary")
    assert term.wait_exit() == 0
    assert "Traceback" not in term.text()
    with open_store() as store:
        assert [r.answer for r in reviews_for(store)] == ["w0"]
