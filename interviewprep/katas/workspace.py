"""The person's kata files: where they live, copying a starter, resetting one, and
starting one again from blank with the old solution kept in a history folder."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from interviewprep.fsutil import create_unique
from interviewprep.katas.catalog import TRACKS, Kata


def kata_folder(workspace: Path, kata: Kata) -> Path:
    return workspace / kata.name


def workspace_file(workspace: Path, kata: Kata, track: str) -> Path:
    return kata_folder(workspace, kata) / kata.workspace_name(track)


def start_kata(workspace: Path, kata: Kata, track: str) -> tuple[Path, bool]:
    """Copy the starter (never over the person's work) and the statement; (file, created)."""
    path = workspace_file(workspace, kata, track)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The statement is ours, so it is refreshed; the code file is theirs.
    shutil.copyfile(kata.statement_file, path.parent / "statement.md")
    if path.exists():
        return path, False
    shutil.copyfile(kata.starter(track), path)
    return path, True


def reset_kata(workspace: Path, kata: Kata, track: str, now: datetime) -> tuple[Path, Path | None]:
    """Put the starter back; the old file is kept as a timestamped backup. (file, backup)."""
    path = workspace_file(workspace, kata, track)
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if path.exists():
        # A name of its own, created first: two resets in one second keep both files.
        backup = create_unique(path.parent, f"{path.stem}.{now:%Y%m%d-%H%M%S}", ".bak.py")
        path.replace(backup)
    shutil.copyfile(kata.starter(track), path)
    return path, backup


def history_folder(workspace: Path, kata: Kata) -> Path:
    return kata_folder(workspace, kata) / "history"


def practise_again(
    workspace: Path, kata: Kata, track: str, now: datetime
) -> tuple[Path, Path | None]:
    """The blank starter in place of the person's file, which moves to the history
    folder as `<stem>.<YYYYmmdd-HHMMSS>.py`; the statement refreshed. (file, moved to)"""
    path = workspace_file(workspace, kata, track)
    moved = None
    if path.exists():
        # A name of its own, created first: two rounds in one second keep both files.
        stamp = f"{path.stem}.{now:%Y%m%d-%H%M%S}"
        moved = create_unique(history_folder(workspace, kata), stamp, ".py")
        path.replace(moved)
    start_kata(workspace, kata, track)  # the starter, and the statement refreshed
    return path, moved


def started_tracks(workspace: Path, kata: Kata) -> list[str]:
    """Tracks with a file in the workspace, most recently edited first."""
    files = [(workspace_file(workspace, kata, t), t) for t in TRACKS]
    present = [(p.stat().st_mtime, t) for p, t in files if p.exists()]
    return [t for _, t in sorted(present, reverse=True)]
