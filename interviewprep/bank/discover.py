"""Finding the bank files in the folders given, within bounds.

`--bank ~` once read every YAML file under the home folder. A search now goes at most
MAX_FOLDER_DEPTH folders down, reads at most MAX_BANK_FILES bank files and looks at
most at MAX_ENTRIES_SEEN entries in all; it skips hidden folders (.git, .cache, ...)
and never enters a folder twice, so a symlink loop ends. Whatever it leaves out is a
Problem of the folder searched, which commands report like any other.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from interviewprep.bank.model import Problem

BANK_SUFFIXES = (".yaml", ".yml")
MAX_FOLDER_DEPTH = 4
MAX_BANK_FILES = 20_000
MAX_ENTRIES_SEEN = 200_000
AIM = "point --bank or bank_dirs at the folder that holds your decks"


def _folders(count: int) -> str:
    return f"{count:,} folder" if count == 1 else f"{count:,} folders"


@dataclass
class _Visit:
    """What one root's walk found and left out."""

    root: Path
    found: list[Path] = field(default_factory=list)
    too_deep: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


@dataclass
class _Search:
    """One search over several roots: the limits count across all of them."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: dict[tuple[int, int], Path] = field(default_factory=dict)  # (device, inode)
    entries: int = 0
    stopped: str | None = None  # why the search stopped early

    def walk(self, root: Path) -> list[Path]:
        """The bank files under root, breadth first so the shallow ones count first."""
        visit = _Visit(root)
        if not self._first_visit(root):
            return visit.found  # a root given twice, or inside another: its decks are loaded
        queue: deque[tuple[Path, int]] = deque([(root, 0)])
        while queue and self.stopped is None:
            folder, depth = queue.popleft()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                if folder == root:
                    raise
                visit.unreadable.append(folder)
                continue
            for entry in entries:
                if not self._take(entry, depth, visit, queue):
                    break
        self._report_left_out(root, visit.too_deep, visit.unreadable)
        return visit.found

    def _take(
        self, entry: os.DirEntry[str], depth: int, visit: _Visit,
        queue: deque[tuple[Path, int]],
    ) -> bool:  # fmt: skip
        """Count one entry of a folder; False when a limit stops the search."""
        self.entries += 1
        if self.entries > MAX_ENTRIES_SEEN:
            why = f"stopped after looking at {MAX_ENTRIES_SEEN:,} files and folders"
            self._stop(visit.root, why, why)
            return False
        path = Path(entry.path)
        if _is_dir(entry):
            if entry.name.startswith("."):
                return True
            if depth >= MAX_FOLDER_DEPTH:
                visit.too_deep.append(path)
            elif self._first_visit(path, link=entry.is_symlink()):
                queue.append((path, depth + 1))
        elif path.suffix in BANK_SUFFIXES and _is_file(entry):
            if len(self.files) + len(visit.found) >= MAX_BANK_FILES:
                self._stop(
                    visit.root,
                    f"stopped after {MAX_BANK_FILES:,} bank files, the most one search reads",
                    f"stopped at {MAX_BANK_FILES:,} bank files",
                )
                return False
            visit.found.append(path)
        return True

    def _first_visit(self, folder: Path, *, link: bool = False) -> bool:
        try:
            info = folder.stat()
        except OSError:
            return False
        key = (info.st_dev, info.st_ino)
        earlier = self.seen.setdefault(key, folder)
        if earlier == folder:
            return True
        if link:
            self.problems.append(
                Problem(
                    folder, 0, None, f"a link to a folder searched already ({earlier}); skipped"
                )
            )
        return False

    def _stop(self, root: Path, why: str, short: str) -> None:
        self.stopped = short
        self.problems.append(Problem(root, 0, None, f"{why}: the rest were not loaded; {AIM}"))

    def _report_left_out(self, root: Path, too_deep: list[Path], unreadable: list[Path]) -> None:
        if too_deep:
            verb = "was" if len(too_deep) == 1 else "were"
            self.problems.append(
                Problem(
                    root,
                    0,
                    None,
                    f"{_folders(len(too_deep))} more than {MAX_FOLDER_DEPTH} levels down {verb} "
                    f"not searched ({too_deep[0].relative_to(root)}"
                    + (", ..." if len(too_deep) > 1 else "")
                    + f"); keep decks at most {MAX_FOLDER_DEPTH} folders down, "
                    "or point --bank or bank_dirs at their folder",
                )
            )
        if unreadable:
            self.problems.append(
                Problem(
                    root,
                    0,
                    None,
                    f"{_folders(len(unreadable))} could not be read "
                    f"({unreadable[0].relative_to(root)}"
                    + (", ...)" if len(unreadable) > 1 else ")"),
                )
            )


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows links: a linked folder of decks is searched
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def bank_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their bank files (sorted); report missing paths and what a
    bounded search left out."""
    search = _Search()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            if search.stopped is not None:
                message = f"not searched: the search already {search.stopped}"
                search.problems.append(Problem(path, 0, None, message))
                continue
            try:
                found = search.walk(path)
            except OSError as exc:
                message = f"cannot read this folder: {exc.strerror or exc}"
                search.problems.append(Problem(path, 0, None, message))
                continue
            files.extend(sorted(found))
            search.files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            search.problems.append(Problem(path, 0, None, "no such file or folder"))
    return files, search.problems
