"""A damaged store file: every command that opens it fails clearly and changes nothing."""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
from pathlib import Path

import pexpect
import pytest

from interviewprep.paths import store_path
from interviewprep.store import open_store
from interviewprep.store.backup import backup_folder
from interviewprep.store.db import SCHEMA_VERSION
from tests.banks import bank_text
from tests.cli import run_cli
from tests.pty import Terminal, strip_ansi
from tests.simulate import simulate_days

COMMANDS = [
    ("stats",),
    ("stats", "--json"),
    ("history",),
    ("export", "json", "out.json"),
    ("doctor",),
]


def _healthy_store(write_bank) -> Path:  # type: ignore[no-untyped-def]
    """A store with a few weeks of answers, closed (WAL checkpointed into the file)."""
    from interviewprep.bank.library import load_files

    library = load_files([write_bank(bank_text())])
    with open_store() as store:
        simulate_days(store, list(library.cards.values()), 20, seed=3)
    path = store_path()
    for extra in ("-wal", "-shm"):
        assert not Path(f"{path}{extra}").exists()
    return path


def _truncate(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(4096 * 2, len(data) - 4096)])


def _random_bytes(path: Path, rng: random.Random) -> None:
    path.write_bytes(rng.randbytes(path.stat().st_size))


def _scribble(path: Path, rng: random.Random) -> None:
    """Random bytes over the middle pages, header intact: a partly bad disk."""
    data = bytearray(path.read_bytes())
    start = rng.randrange(4096, len(data) // 2)
    data[start : start + 8192] = rng.randbytes(8192)
    path.write_bytes(bytes(data))


def _newer_schema(path: Path, rng: random.Random) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1 + rng.randrange(5)}")
    conn.close()


DAMAGE = {
    "truncated": _truncate,
    "random-bytes": _random_bytes,
    "scribbled": _scribble,
    "newer-schema": _newer_schema,
}


@pytest.mark.parametrize("with_backup", [True, False], ids=["backup", "no-backup"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_store_fails_clearly_and_is_left_alone(
    damage: str, with_backup: bool, write_bank, tmp_path: Path
) -> None:
    path = _healthy_store(write_bank)
    backup = None
    if with_backup:
        backup = backup_folder(path) / "progress-2026-01-20.sqlite3"
        backup.parent.mkdir(parents=True)
        shutil.copyfile(path, backup)
        older = backup_folder(path) / "progress-2026-01-19.sqlite3"
        shutil.copyfile(path, older)
    DAMAGE[damage](path, random.Random(damage))
    before = path.read_bytes()
    bank = str(write_bank(bank_text()).parent)

    for command in COMMANDS:
        extra = () if command[0] in ("export", "doctor") else ("--bank", bank)
        result = run_cli(*command, *extra, cwd=tmp_path)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        assert path.read_bytes() == before, f"{command} changed the store file"
        if damage == "scribbled" and command[0] != "doctor":
            # Pages a command does not read can be damaged unnoticed (a full integrity
            # check on every start would cost seconds); `doctor` is where it shows.
            continue
        assert result.returncode != 0, (command, output)
        assert str(path) in output, (command, output)
        if backup is not None:
            assert str(backup) in output, (command, output)  # the newest one, to restore

    if damage == "scribbled":
        return
    term = Terminal("study", "--bank", bank)  # study needs a terminal
    term.child.expect(pexpect.EOF)
    output = strip_ansi(term.child.before).replace("\r\n", "\n")
    term.child.close()
    assert term.child.exitstatus not in (0, None), output
    assert "Traceback" not in output, output
    assert str(path) in output.replace("\n", ""), output  # long paths wrap at 100 columns
    if backup is not None:
        assert str(backup) in output.replace("\n", ""), output
    assert path.read_bytes() == before, "study changed the store file"
    assert not (tmp_path / "out.json").exists()
    assert not list(tmp_path.glob("out.json*"))


def test_damaged_store_does_not_push_healthy_backups_out(write_bank) -> None:
    """The day's automatic backup of a damaged store must not rotate good ones away."""
    from datetime import date

    from interviewprep.store.backup import backups, daily_backup

    path = _healthy_store(write_bank)
    folder = backup_folder(path)
    folder.mkdir()
    for day in ("2026-01-18", "2026-01-19"):
        shutil.copyfile(path, folder / f"progress-{day}.sqlite3")
    _scribble(path, random.Random(7))
    # The header is intact, so it opens; copying may or may not notice the damage.
    with open_store(path) as store, contextlib.suppress(sqlite3.DatabaseError):
        daily_backup(store, keep=2, today=date(2026, 1, 20))
    names = [p.name for p in backups(path)]
    assert names == ["progress-2026-01-19.sqlite3", "progress-2026-01-18.sqlite3"]
    assert not list(folder.glob("*.tmp"))
