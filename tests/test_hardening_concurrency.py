"""Two study sessions at once on one store: both sets of answers are kept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewprep.paths import store_path
from interviewprep.store import open_store
from interviewprep.store.reviews import load_records, reviews_for

WORKER = r"""
import sys, time
from datetime import datetime, timezone
from pathlib import Path

from interviewprep.bank.library import load_files
from interviewprep.cli.common import open_user_store
from interviewprep.config import load_config
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study

bank, go, prefix, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
cards = [c for c in load_files([bank]).cards.values() if c.id.startswith(prefix)]
while not go.exists():  # start together, so the very first open races too
    time.sleep(0.001)
with open_user_store(load_config()) as store:
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
    time.sleep(1.0)  # let all of them import and wait at the line
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
