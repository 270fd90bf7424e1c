"""Kata practice through the app layer: which kata and track, the workspace file, grading
and recording an attempt, hints, the reference and resets, and katas on the FSRS
scheduler: rounds, their ratings, what is due and what comes next. Each result is a
dataclass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.errors import UserError
from interviewprep.katas.schedule import RoundOutcome
from interviewprep.study.rating import Rating

if TYPE_CHECKING:
    from fsrs import Scheduler

    from interviewprep.app.core import App
    from interviewprep.katas.catalog import Kata
    from interviewprep.katas.grader import GradeReport
    from interviewprep.katas.status import KataStatus
    from interviewprep.store import Store
    from interviewprep.store.katas import Attempt, KataCard, KataRound


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
class RoundResult:
    """A finished round: how it ended, its rating, and the kata's next practice."""

    kata: str
    track: str
    outcome: RoundOutcome
    rating: Rating
    failed_checks: int
    hints: int
    seconds: float
    due: datetime  # the next practice on this track, UTC
    days_until_due: int  # local calendar days from the round's end (0: later today)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(outcome=self.outcome.value, rating=int(self.rating),
                    rating_label=self.rating.label, due=self.due.isoformat(),
                    seconds=round(self.seconds, 3))  # fmt: skip
        return data


@dataclass(frozen=True)
class Checked:
    """A check's report and, when it passed and a round was open, the round it closed."""

    report: GradeReport
    round: RoundResult | None = None

    @property
    def passed(self) -> bool:
        return self.report.passed

    def to_json(self) -> dict[str, Any]:
        """The `kata check --json` object (docs/kata-report-format.md)."""
        return {**self.report.to_json(), "round": self.round.to_json() if self.round else None}


@dataclass(frozen=True)
class KataDue:
    """A kata due on a track by the end of the person's day."""

    kata: str
    track: str
    due: datetime  # UTC
    retrievability: float  # predicted chance, now, of writing it cold


@dataclass(frozen=True)
class NextKata:
    """What `kata next` did: the most at-risk due kata started again from blank; with
    nothing due, the next new kata in teaching order, offered (or started when asked)."""

    due: KataDue | None  # the due kata now practised again
    file: KataFile | None  # the file of the round now open; None: nothing started
    history: Path | None  # where the previous solution was moved
    resumed: bool  # its round was open already: the file is left as it was
    new: Kata | None  # nothing due: the next new kata (None: none due, none new)


@dataclass(frozen=True)
class Solution:
    kata: str
    track: str
    path: Path
    source: str
    closed: tuple[RoundResult, ...] = ()  # the open rounds viewing it ended, as Again


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
    """The kata commands' rules, on the app's data folder, settings and clock.

    `fuzz=False` gives fsrs's intervals without their random spread (for tests).
    """

    def __init__(self, app: App, *, fuzz: bool = True) -> None:
        self.app = app
        self.fuzz = fuzz

    @cached_property
    def scheduler(self) -> Scheduler:
        """fsrs with its default parameters and the desired retention, no learning steps
        (katas/schedule.py says why)."""
        from interviewprep.katas.schedule import kata_scheduler

        return kata_scheduler(self.app.config.desired_retention, fuzz=self.fuzz)

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
        """Every kata in teaching order with the person's status, best time and each
        track's next practice."""
        from interviewprep.katas.catalog import load_catalog
        from interviewprep.katas.status import kata_statuses
        from interviewprep.store.katas import load_progress
        from interviewprep.study.days import next_day_start

        with self.app.store() as store:
            progress = load_progress(store)
            cards = self._cards(store)
        due = {key: card.memory.due for key, card in cards.items()}
        return kata_statuses(load_catalog(), progress, due, next_day_start(self.app.clock()))

    def start(self, name: str, track: str | None = None) -> Started:
        """Copy the starter into the workspace (never over the person's work). A round
        opens when none is: on a new copy of the starter, or on a kata never scheduled
        on the track (its first pass will schedule it)."""
        from interviewprep.katas.workspace import start_kata
        from interviewprep.store.katas import mark_started, open_round

        target = self.resolve(name, track)
        kata, track_name, now = target.kata.name, target.track, self.app.clock()
        path, created = start_kata(self.workspace, target.kata, target.track)
        with self.app.store(writes=True) as store:
            mark_started(store, kata, track_name, now)
            if created or (kata, track_name) not in self._cards(store):
                open_round(store, kata, track_name, now)
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

    def check(self, target: KataFile, timeout: float) -> Checked:
        """Grade the file and record the attempt, unless the file is a shipped reference
        (graded, but not the person's pass) or still the untouched starter. A pass
        closes the open round, rated by how it went, and schedules the kata's next
        practice on the track."""
        from interviewprep.katas.grader import grade
        from interviewprep.store.katas import Attempt, record_attempt

        report = grade(target.kata, target.path, target.track, timeout_s=timeout)
        if report.reference_copy or report.not_written:
            # Neither is an attempt: a blank starter checked (as `kata watch` does at
            # once) must not count as a failed check against the round's rating.
            return Checked(report)
        attempt = Attempt(
            kata=target.kata.name, track=target.track, checked_at=self.app.clock(),
            status=report.status.value, cases_passed=report.cases_passed,
            cases_total=len(report.cases), duration_ms=round(report.duration_s * 1000),
        )  # fmt: skip
        with self.app.store(writes=True) as store:
            if report.passed:
                closed = self._close(store, target.kata.name, target.track,
                                     RoundOutcome.PASSED, attempt)  # fmt: skip
                if closed is not None:
                    return Checked(report, closed)
            record_attempt(store, attempt)
        return Checked(report)

    def watch(self, target: KataFile, timeout: float, show: Callable[[Checked], None]) -> None:
        """Check on every save until a check passes; each result goes to `show`."""
        import time

        from interviewprep.katas.watch import file_mtime, watch_until_passed

        def check_once() -> bool:
            checked = self.check(target, timeout)
            show(checked)
            return checked.passed

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
        """The reference, once the kata is passed on any track (or with force). Seeing
        it ends the kata's open rounds, on every track, as Again."""
        from interviewprep.store.katas import open_rounds

        target = self.resolve(name, track)
        passed = any(s.name == target.kata.name and s.status == "passed" for s in self.statuses())
        if not (passed or force):
            raise UserError(
                f"you have not passed '{target.kata.name}' yet",
                hint=f"try `interviewprep kata hint {target.kata.name}`, or add --force to "
                "see it anyway",
            )
        path = target.kata.solution(target.track)
        source = path.read_text(encoding="utf-8")
        with self.app.store(writes=True) as store:
            rounds = open_rounds(store, target.kata.name)
            closed = [self._close(store, r.kata, r.track, RoundOutcome.SOLUTION) for r in rounds]
        shown = tuple(c for c in closed if c is not None)
        return Solution(target.kata.name, target.track, path, source, shown)

    def reset(self, name: str, track: str | None = None) -> Reset:
        """The starter again; the person's file is kept as a backup, the hints start over."""
        from interviewprep.katas.workspace import reset_kata
        from interviewprep.store.katas import mark_started, open_round, reset_hints

        target = self.resolve(name, track)
        now = self.app.clock()
        path, backup = reset_kata(self.workspace, target.kata, target.track, now)
        with self.app.store(writes=True) as store:
            mark_started(store, target.kata.name, target.track, now)
            reset_hints(store, target.kata.name, target.track)
            # A blank file is a round from blank; one already open goes on (its hints too).
            open_round(store, target.kata.name, target.track, now)
        return Reset(KataFile(target.kata, target.track, path), backup)

    # -- katas on the FSRS scheduler ----------------------------------------------------

    def give_up(self, name: str, track: str | None = None) -> RoundResult:
        """End the open round on the kata and track as Again (it comes back soon)."""
        target = self.resolve(name, track)
        with self.app.store(writes=True) as store:
            closed = self._close(store, target.kata.name, target.track, RoundOutcome.GAVE_UP)
        if closed is None:
            raise UserError(
                f"no round of '{target.kata.name}' is open on the {target.track} track",
                hint="a round opens with `interviewprep kata next`, `kata start` on a new "
                "kata or `kata reset`",
            )
        return closed

    def due(self) -> list[KataDue]:
        """The katas due on a track by the end of the person's day, most at risk (lowest
        predicted recall now) first."""
        from interviewprep.katas.catalog import load_catalog
        from interviewprep.study.days import next_day_start
        from interviewprep.study.scheduling import retrievability

        now = self.app.clock()
        order = {kata.name: i for i, kata in enumerate(load_catalog())}
        with self.app.store() as store:
            cards = self._cards(store)
        scheduler, day_end = self.scheduler, next_day_start(now)
        found = [
            KataDue(c.kata, c.track, c.memory.due, retrievability(scheduler, c.memory, now))
            for c in cards.values()
            if c.memory.due <= day_end and c.kata in order  # a kata since removed is not due
        ]
        return sorted(found, key=lambda d: (d.retrievability, d.due, order[d.kata], d.track))

    def in_progress(self) -> list[KataRound]:
        """The rounds under way (started, not yet passed, given up or looked up), the
        most recently started first."""
        from interviewprep.store.katas import all_open_rounds

        with self.app.store() as store:
            return all_open_rounds(store)

    def next_new(self) -> Kata | None:
        """The first kata in teaching order never started on any track."""
        from interviewprep.katas.catalog import load_catalog
        from interviewprep.store.katas import load_progress

        with self.app.store() as store:
            started = {kata for kata, _ in load_progress(store)} | {
                kata for kata, _ in self._cards(store)
            }
        return next((kata for kata in load_catalog() if kata.name not in started), None)

    def next(self, track: str | None = None, *, start_new: bool = False) -> NextKata:
        """Start the most at-risk due kata (on `track`, if given) again from the blank
        starter, timed from now. With nothing due, the next new kata: offered, or
        started when `start_new`."""
        from interviewprep.katas.catalog import check_track

        if track is not None:
            check_track(track)
        due = [d for d in self.due() if track is None or d.track == track]
        if due:
            return self._practise_again(due[0])
        new = self.next_new()
        if new is None or not start_new:
            return NextKata(None, None, None, False, new)
        return NextKata(None, self.start(new.name, track).file, None, False, new)

    def _practise_again(self, due: KataDue) -> NextKata:
        from interviewprep.katas.catalog import find_kata
        from interviewprep.katas.workspace import practise_again, workspace_file
        from interviewprep.store.katas import load_open_round, restart

        kata, now = find_kata(due.kata), self.app.clock()
        with self.app.store(writes=True) as store:
            if load_open_round(store, due.kata, due.track) is not None:
                # Already under way: the file in progress is the person's work.
                path = workspace_file(self.workspace, kata, due.track)
                return NextKata(due, KataFile(kata, due.track, path), None, True, None)
            path, moved = practise_again(self.workspace, kata, due.track, now)
            restart(store, due.kata, due.track, now)
        return NextKata(due, KataFile(kata, due.track, path), moved, False, None)

    def _cards(self, store: Store) -> dict[tuple[str, str], KataCard]:
        """Every scheduled (kata, track). A kata passed before katas were scheduled (a
        store from before, an older export) counts as rated Good at its first pass."""
        from interviewprep.store.katas import KataCard, kata_card_id, load_kata_cards, load_progress
        from interviewprep.study.scheduling import apply_rating

        cards = load_kata_cards(store)
        for key, progress in load_progress(store).items():
            if key not in cards and progress.passed_at is not None:
                memory = apply_rating(self.scheduler, kata_card_id(*key), None, Rating.GOOD,
                                      progress.passed_at, 0)  # fmt: skip
                cards[key] = KataCard(*key, memory)
        return cards

    def _close(
        self,
        store: Store,
        kata: str,
        track: str,
        outcome: RoundOutcome,
        attempt: Attempt | None = None,
    ) -> RoundResult | None:
        """End the open round with `outcome`, rate it and review the kata's card; None
        when no round is open. A pass with no round open on a kata never scheduled on
        the track (started before rounds existed) closes a round from its start."""
        from dataclasses import replace

        from interviewprep.katas.schedule import RoundFacts, local_days_until, round_rating
        from interviewprep.store import katas as kata_store
        from interviewprep.store.katas import KataCard, KataRound, kata_card_id
        from interviewprep.study.scheduling import apply_rating

        now = attempt.checked_at if attempt is not None else self.app.clock()
        current = kata_store.load_open_round(store, kata, track)
        card = self._cards(store).get((kata, track))
        if current is None and outcome is RoundOutcome.PASSED and card is None:
            started = kata_store.load_progress(store).get((kata, track))
            current = KataRound(None, kata, track, started.started_at if started else now)
        if current is None:
            return None
        facts = RoundFacts(
            outcome, kata_store.failed_checks_since(store, kata, track, current.started_at),
            current.hints, max(0.0, (now - current.started_at).total_seconds()),
        )  # fmt: skip
        rating = round_rating(facts, kata_store.last_pass_seconds(store, kata, track))
        memory = apply_rating(self.scheduler, kata_card_id(kata, track),
                              card.memory if card else None, rating, now,
                              round(facts.seconds * 1000))  # fmt: skip
        finished = replace(current, finished_at=now, outcome=outcome.value, rating=int(rating),
                           failed_checks=facts.failed_checks, seconds=facts.seconds)  # fmt: skip
        if not kata_store.finish_round(store, finished, KataCard(kata, track, memory), attempt):
            return None  # another command closed it meanwhile
        days = local_days_until(memory.due, now)
        return RoundResult(kata, track, outcome, rating, facts.failed_checks, facts.hints,
                           facts.seconds, memory.due, days)  # fmt: skip
