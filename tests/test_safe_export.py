"""export json|csv|anki: never over an existing file without --force, never over the
store, its journals, the config or a backup, never into a device or pipe; `-` is stdout."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from interviewprep.paths import config_path, store_path
from interviewprep.store import open_store
from interviewprep.store.backup import backup_folder
from tests.cli import assert_clean_failure, run_cli

KINDS = {"json": "out.json", "csv": "out.csv", "anki": "out.apkg"}


def _args(kind: str, target: Path | str, *extra: str) -> list[str]:
    deck = ("--deck", "parameters") if kind == "anki" else ()
    return ["export", kind, str(target), *deck, *extra]


@pytest.fixture
def store_with_backup() -> Path:
    """A closed store with one answer, a daily backup and a config file."""
    with open_store() as store, store.tx() as conn:
        conn.execute(
            "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type,"
            " mode, scheduled) VALUES ('c', '2026-01-01T00:00:00+00:00', 3, 1, 'open',"
            " 'study', 1)"
        )
    folder = backup_folder(store_path())
    folder.mkdir()
    (folder / "progress-2026-01-01.sqlite3").write_bytes(store_path().read_bytes())
    config_path().write_text("new_per_day = 8\n")
    return store_path()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_existing_file_needs_force(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    target = folder / KINDS[kind]
    target.write_text("the person's own file\n")
    result = run_cli(*_args(kind, target))
    assert_clean_failure(result, "already exists")
    assert "--force" in result.stderr
    assert target.read_text() == "the person's own file\n"
    forced = run_cli(*_args(kind, target, "--force"))
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(errors="replace") != "the person's own file\n"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary left


def _ours(store: Path) -> dict[str, Path]:
    backup = next(backup_folder(store).iterdir())
    return {
        "store": store,
        "wal": Path(f"{store}-wal"),
        "journal": Path(f"{store}-journal"),
        "config": config_path(),
        "backup": backup,
        "new-in-backups": backup_folder(store) / "mine.json",
    }


def _contents(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and "cache" not in p.parts}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("which", ["store", "wal", "journal", "config", "backup", "new-in-backups"])
def test_our_own_files_are_never_written_even_with_force(
    kind: str, which: str, store_with_backup: Path
) -> None:
    target = _ours(store_with_backup)[which]
    if kind == "anki":  # the suffix rule comes first; a link with the right name
        link = store_with_backup.parent / f"{which}.apkg"
        link.symlink_to(target)
        target = link
    before = _contents(store_with_backup.parent)
    result = run_cli(*_args(kind, target, "--force"))
    assert_clean_failure(result, "never written over")
    assert _contents(store_with_backup.parent) == before
    with sqlite3.connect(store_with_backup) as conn:
        assert conn.execute("SELECT count(*) FROM review_log").fetchone() == (1,)


@pytest.mark.parametrize("which", ["store", "config", "backup"])
def test_a_hard_link_to_our_files_is_refused(
    which: str, store_with_backup: Path, tmp_path: Path
) -> None:
    link = tmp_path / "innocent.json"
    os.link(_ours(store_with_backup)[which], link)
    assert_clean_failure(run_cli("export", "json", str(link), "--force"), "never written over")
    with sqlite3.connect(store_with_backup) as conn:
        assert conn.execute("SELECT count(*) FROM review_log").fetchone() == (1,)


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_devices_pipes_and_folders_are_refused(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    assert_clean_failure(run_cli(*_args(kind, "/dev/null", "--force")), "not a regular file")
    assert_clean_failure(run_cli(*_args(kind, fifo, "--force")), "not a regular file")
    assert_clean_failure(run_cli(*_args(kind, folder, "--force")), "is a folder")
    assert [p.name for p in folder.iterdir()] == ["pipe"]


def test_dash_writes_to_standard_output(store_with_backup: Path) -> None:
    result = run_cli("export", "json", "-")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)  # nothing but the document on stdout
    assert len(document["review_log"]) == 1
    assert "standard output" in result.stderr
    csv_result = run_cli("export", "csv", "-")
    assert csv_result.stdout.splitlines()[0].startswith("reviewed_at,")
    assert len(csv_result.stdout.splitlines()) == 2
    assert not Path("-").exists()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    assert_clean_failure(
        run_cli("export", "json", str(tmp_path / "nowhere" / "x.json")), "does not exist"
    )


def test_atomic_path_replaces_whole_or_not_at_all(tmp_path: Path) -> None:
    from interviewprep.fsutil import atomic_path

    target = tmp_path / "settings.toml"
    target.write_text("old\n")
    with pytest.raises(OSError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise OSError("disk full")
    assert target.read_text() == "old\n" and list(tmp_path.iterdir()) == [target]
    with atomic_path(target) as tmp:
        tmp.write_text("new\n")
    assert target.read_text() == "new\n" and list(tmp_path.iterdir()) == [target]
    with atomic_path(tmp_path / "key", private=True) as tmp:
        tmp.write_bytes(b"k")
    assert (tmp_path / "key").stat().st_mode & 0o777 == 0o600
