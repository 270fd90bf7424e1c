"""A data folder that cannot be written, and a full disk: clear messages, no partial files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from interviewprep.store import open_store
from interviewprep.store.backup import backup_folder, copy_store
from tests.banks import bank_text
from tests.cli import run_cli
from tests.pty import Terminal


@pytest.mark.parametrize("home", ["/proc/interviewprep", "/sys/interviewprep"])
@pytest.mark.parametrize("command", [("stats",), ("export", "json", "{out}"), ("history",)])
def test_unwritable_data_folder(
    home: str, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INTERVIEWPREP_HOME", home)
    args = [a.format(out=tmp_path / "out.json") for a in command]
    result = run_cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot create the data folder" in result.stderr and home in result.stderr
    assert not list(tmp_path.glob("out.json*"))


def test_unwritable_data_folder_study(monkeypatch: pytest.MonkeyPatch, write_bank) -> None:
    monkeypatch.setenv("INTERVIEWPREP_HOME", "/proc/interviewprep")
    bank = str(write_bank(bank_text("short")).parent)
    term = Terminal("study", "--bank", bank, "--deck", "deck")
    screen = term.expect(r"cannot create the data folder")
    assert term.wait_exit() == 2
    assert "Traceback" not in screen + (term.child.before or "")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted afterwards; skipped where mounting is not allowed."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:8]}"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def test_full_disk_answer_and_export(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch, write_bank
) -> None:
    home = tiny_disk / "home"
    monkeypatch.setenv("INTERVIEWPREP_HOME", str(home))
    monkeypatch.setenv("INTERVIEWPREP_NO_CACHE", "1")
    bank = str(write_bank(bank_text("flashcard")).parent)
    with open_store() as store:  # today's backup already made: study goes straight on
        folder = backup_folder(store.path)
        folder.mkdir()
        copy_store(store, folder / f"progress-{date.today().isoformat()}.sqlite3")

    term = Terminal("study", "--bank", bank, "--deck", "deck")
    term.expect(r"Enter: show the answer")
    fill(tiny_disk)  # the disk fills up while the card is on screen
    term.send("\r")
    term.expect(r"Rate: ")
    term.send("3")
    screen = term.expect(r"free some space")
    assert "disk holding" in screen and "is full" in screen
    assert term.wait_exit() == 2
    assert "Traceback" not in screen + (term.child.before or "")

    # Starting again on the full disk: it opens or not, but says why it cannot save.
    term = Terminal("study", "--bank", bank, "--deck", "deck")
    term.expect(r"Enter: show the answer|free some space")
    if "free some space" not in term.child.after:
        term.send("\r")
        term.expect(r"Rate: ")
        term.send("3")
        term.expect(r"free some space")
    assert term.wait_exit() == 2
    assert "restore" not in "".join(term.transcript)

    fill(tiny_disk)  # what the failed session freed on exit
    out = tiny_disk / "export.json"
    result = run_cli("export", "json", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is full" in result.stderr or "No space left on device" in result.stderr
    assert not out.exists() and not list(tiny_disk.glob("export.json*"))

    (tiny_disk / "filler").unlink()
    assert integrity(home / "progress.sqlite3") == ["ok"]
    assert not [p for p in home.rglob("*.tmp")]
