"""Kata practice through the app layer: which kata and track, the workspace file, grading
and recording an attempt, hints, the reference and resets. Each result is a dataclass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.errors import UserError

if TYPE_CHECKING:
    from interviewprep.app.core import App
    from interviewprep.katas.catalog import Kata
    from interviewprep.katas.grader import GradeReport
    from interviewprep.katas.status import KataStatus


@dataclass(frozen=True)
class KataFile:
    """A kata on one track, and the person's file for it."""

    kata: Kata
    track: str
    path: Path


@dataclass(frozen=True)
class Started:
    file: KataFile
    created: bool  # False: the file was there already and is left as it was


@dataclass(frozen=True)
class Hint:
    kata: str
    number: int  # from 1
    total: int
    text: str


@dataclass(frozen=True)
class Solution:
    kata: str
    track: str
    path: Path
    source: str


@dataclass(frozen=True)
class Reset:
    file: KataFile
    backup: Path | None  # the person's previous file, kept under a name of its own


def track_of_file(file: Path | None) -> str | None:
    """The track a file's name says (`softmax_torch.py` is torch), if any."""
    from interviewprep.katas.catalog import TRACKS

    if file is not None:
        for candidate in TRACKS:
            if file.name.endswith(f"_{candidate}.py"):
                return candidate
    return None


class KataPractice:
    """The kata commands' rules, on the app's data folder, settings and clock."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def workspace(self) -> Path:
        return self.app.config.kata_workspace

    def resolve(self, name: str, track: str | None = None, file: Path | None = None) -> KataFile:
        """The kata; the track asked for, else the one the file's name says, else the one
        last worked on, else numpy; and the file (the workspace's unless one is given)."""
        from interviewprep.katas.catalog import check_track, find_kata
        from interviewprep.katas.workspace import started_tracks, workspace_file

        kata = find_kata(name)
        chosen = track or track_of_file(file)
        if chosen is not None:
            chosen = check_track(chosen)
        else:
            started = started_tracks(self.workspace, kata)
            chosen = started[0] if started else "numpy"
        return KataFile(kata, chosen, file or workspace_file(self.workspace, kata, chosen))

    def statuses(self) -> list[KataStatus]:
        """Every kata in teaching order with the person's status and best time."""
        from interviewprep.katas.catalog import load_catalog
        from interviewprep.katas.status import kata_statuses
        from interviewprep.store.katas import load_progress

        with self.app.store() as store:
            progress = load_progress(store)
        return kata_statuses(load_catalog(), progress)

    def start(self, name: str, track: str | None = None) -> Started:
        """Copy the starter into the workspace (never over the person's work)."""
        from interviewprep.katas.workspace import start_kata
        from interviewprep.store.katas import mark_started

        target = self.resolve(name, track)
        path, created = start_kata(self.workspace, target.kata, target.track)
        with self.app.store(writes=True) as store:
            mark_started(store, target.kata.name, target.track, self.app.clock())
        return Started(KataFile(target.kata, target.track, path), created)

    def existing_file(self, target: KataFile, given: bool) -> Path:
        if target.path.is_file():
            return target.path
        if given:
            raise UserError(f"no file {target.path}")
        name, track = target.kata.name, target.track
        raise UserError(
            f"you have not started '{name}' on the {track} track ({target.path} does not exist)",
            hint=f"run `interviewprep kata start {name} --track {track}`",
        )

    def check(self, target: KataFile, timeout: float) -> GradeReport:
        """Grade the file and record the attempt, unless the file is a shipped reference
        (graded, but not the person's pass)."""
        from interviewprep.katas.grader import grade
        from interviewprep.store.katas import Attempt, record_attempt

        report = grade(target.kata, target.path, target.track, timeout_s=timeout)
        if report.reference_copy:
            return report
        attempt = Attempt(
            kata=target.kata.name, track=target.track, checked_at=self.app.clock(),
            status=report.status.value, cases_passed=report.cases_passed,
            cases_total=len(report.cases), duration_ms=round(report.duration_s * 1000),
        )  # fmt: skip
        with self.app.store(writes=True) as store:
            record_attempt(store, attempt)
        return report

    def watch(
        self, target: KataFile, timeout: float, show: Callable[[GradeReport], None]
    ) -> None:
        """Check on every save until a check passes; each report goes to `show`."""
        import time

        from interviewprep.katas.watch import file_mtime, watch_until_passed

        def check_once() -> bool:
            report = self.check(target, timeout)
            show(report)
            return report.passed

        watch_until_passed(check_once, lambda: file_mtime(target.path), time.sleep)

    def hint(self, name: str, track: str | None = None) -> Hint:
        """The next hint: each call reveals one more, the last one again after that."""
        from interviewprep.store.katas import next_hint

        target = self.resolve(name, track)
        hints = target.kata.hints()
        with self.app.store(writes=True) as store:
            shown = next_hint(store, target.kata.name, target.track, self.app.clock(), len(hints))
        return Hint(target.kata.name, shown, len(hints), hints[shown - 1])

    def solution(self, name: str, track: str | None = None, *, force: bool = False) -> Solution:
        """The reference, once the kata is passed on any track (or with force)."""
        target = self.resolve(name, track)
        passed = any(
            s.name == target.kata.name and s.status == "passed" for s in self.statuses()
        )
        if not (passed or force):
            raise UserError(
                f"you have not passed '{target.kata.name}' yet",
                hint=f"try `interviewprep kata hint {target.kata.name}`, or add --force to "
                "see it anyway",
            )
        path = target.kata.solution(target.track)
        return Solution(target.kata.name, target.track, path, path.read_text(encoding="utf-8"))

    def reset(self, name: str, track: str | None = None) -> Reset:
        """The starter again; the person's file is kept as a backup, the hints start over."""
        from interviewprep.katas.workspace import reset_kata
        from interviewprep.store.katas import mark_started, reset_hints

        target = self.resolve(name, track)
        now = self.app.clock()
        path, backup = reset_kata(self.workspace, target.kata, target.track, now)
        with self.app.store(writes=True) as store:
            mark_started(store, target.kata.name, target.track, now)
            reset_hints(store, target.kata.name, target.track)
        return Reset(KataFile(target.kata, target.track, path), backup)
