"""Finding bank files in folders: bounded in depth and count, hidden folders and
symlink loops skipped, and whatever was left out is reported."""

from __future__ import annotations

import os
from pathlib import Path

from interviewprep.bank import discover
from interviewprep.bank.discover import MAX_FOLDER_DEPTH, bank_files
from tests.banks import CARDS, HEADER
from tests.cli import run_cli


def deck(path: Path, card_id: str = "t-flash") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + CARDS["flashcard"].replace("t-flash", card_id), encoding="utf-8")
    return path


def nested(root: Path, depth: int) -> Path:
    """A folder `depth` levels below root."""
    return root.joinpath(*(f"level{i}" for i in range(1, depth + 1)))


def test_folders_deeper_than_the_limit_are_reported_not_searched(tmp_path: Path) -> None:
    root = tmp_path / "banks"
    kept = deck(nested(root, MAX_FOLDER_DEPTH) / "deep.yaml")
    deck(nested(root, MAX_FOLDER_DEPTH + 1) / "deeper.yaml", "t-2")
    deck(nested(root, MAX_FOLDER_DEPTH + 3) / "deepest.yaml", "t-3")
    files, problems = bank_files([root])
    assert files == [kept]
    [problem] = problems
    assert (problem.file, problem.card_id) == (root, None)
    too_deep = nested(root, MAX_FOLDER_DEPTH + 1).relative_to(root)
    assert problem.message == (
        f"1 folder more than {MAX_FOLDER_DEPTH} levels down was not searched ({too_deep}); "
        "keep decks at most 4 folders down, or point --bank or bank_dirs at their folder"
    )


def test_the_number_of_bank_files_is_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(discover, "MAX_BANK_FILES", 5)
    root = tmp_path / "banks"
    for i in range(8):
        deck(root / f"d{i}.yaml", f"t-{i}")
    other = tmp_path / "other"
    deck(other / "o.yaml", "t-o")
    files, problems = bank_files([root, other])
    assert files == [root / f"d{i}.yaml" for i in range(5)]
    assert [(p.file, p.message) for p in problems] == [
        (
            root,
            "stopped after 5 bank files, the most one search reads: the rest were not "
            "loaded; point --bank or bank_dirs at the folder that holds your decks",
        ),
        (other, "not searched: the search already stopped at 5 bank files"),
    ]


def test_the_number_of_entries_looked_at_is_bounded(tmp_path: Path, monkeypatch) -> None:
    """A home folder full of other files costs a bounded search, decks or not."""
    monkeypatch.setattr(discover, "MAX_ENTRIES_SEEN", 50)
    root = tmp_path / "home"
    for i in range(100):
        (root / f"folder{i:03d}").mkdir(parents=True)
    files, problems = bank_files([root])
    assert files == []
    [problem] = problems
    assert problem.message.startswith("stopped after looking at 50 files and folders")


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "banks"
    kept = deck(root / "visible" / "a.yaml")
    deck(root / ".git" / "b.yaml", "t-2")
    deck(root / "visible" / ".cache" / "c.yaml", "t-3")
    assert bank_files([root]) == ([kept], [])


def test_a_hidden_folder_named_on_purpose_is_searched(tmp_path: Path) -> None:
    kept = deck(tmp_path / ".decks" / "a.yaml")
    assert bank_files([tmp_path / ".decks"]) == ([kept], [])


def test_symlink_loops_end_and_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "banks"
    kept = deck(root / "a" / "x.yaml")
    os.symlink(root / "a", root / "a" / "loop")
    os.symlink(root, root / "a" / "up")
    files, problems = bank_files([root])
    assert files == [kept]
    assert sorted(p.message for p in problems) == [
        f"a link to a folder searched already ({root}); skipped",
        f"a link to a folder searched already ({root / 'a'}); skipped",
    ]
    assert sorted(p.file for p in problems) == [root / "a" / "loop", root / "a" / "up"]


def test_a_linked_folder_of_decks_is_searched(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    kept = deck(shared / "s.yaml")
    root = tmp_path / "banks"
    root.mkdir()
    os.symlink(shared, root / "shared")
    assert bank_files([root]) == ([root / "shared" / "s.yaml"], [])
    assert kept.exists()


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "banks"
    deck(root / "locked" / "a.yaml")
    kept = deck(root / "open" / "b.yaml", "t-2")
    real_scandir = os.scandir

    def scandir(path: Path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":  # as chmod 0 would, for a user who is not root
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    files, problems = bank_files([root])
    assert files == [kept]
    assert [(p.file, p.message) for p in problems] == [
        (root, "1 folder could not be read (locked)")
    ]
    files, problems = bank_files([root / "locked"])
    assert (files, [p.message for p in problems]) == (
        [],
        ["cannot read this folder: Permission denied"],
    )


def test_the_cli_says_what_was_skipped(tmp_path: Path) -> None:
    root = tmp_path / "banks"
    deck(root / "ok.yaml")
    deck(nested(root, MAX_FOLDER_DEPTH + 1) / "lost.yaml", "t-lost")
    result = run_cli("cards", "--json", "--bank", str(root))
    assert result.returncode == 0, result.stderr
    assert f"warning: 1 problem(s) in {root}" in result.stderr
    assert '"t-flash"' in result.stdout and "t-lost" not in result.stdout
    result = run_cli("validate", str(root))
    assert result.returncode == 2
    assert f"{root}:0: 1 folder more than {MAX_FOLDER_DEPTH} levels down" in result.stdout
