"""Where the person stands on each kata, over every track they have tried."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from interviewprep.katas.catalog import TRACKS, Kata
from interviewprep.store.katas import KataProgress

# A kata shows its best track's status: passed on any track beats failing beats started.
PRECEDENCE = ("passed", "failing", "started")
NOT_STARTED = "not started"


@dataclass(frozen=True)
class KataStatus:
    order: int  # place in the teaching order, from 1
    name: str
    function: str
    section: str
    difficulty: str
    status: str  # passed | failing | started | not started
    tracks: tuple[str, ...]  # the tracks in that status
    best_seconds: float | None  # fastest start-to-pass over the tracks
    # Each track's next practice (UTC), None where the kata is not scheduled on it.
    due: dict[str, datetime | None] = field(default_factory=dict)
    due_now: tuple[str, ...] = ()  # the tracks due by the end of the person's day

    @property
    def next_due(self) -> tuple[datetime, str] | None:
        """The soonest practice over the tracks, and its track."""
        scheduled = [(when, track) for track, when in self.due.items() if when is not None]
        return min(scheduled) if scheduled else None


def kata_statuses(
    catalog: Sequence[Kata],
    progress: Mapping[tuple[str, str], KataProgress],
    due: Mapping[tuple[str, str], datetime] | None = None,
    day_end: datetime | None = None,
) -> list[KataStatus]:
    """One status per kata of the catalogue, in teaching order; `due` is each scheduled
    (kata, track)'s next practice, due now when it falls by `day_end`."""
    due = due or {}
    by_kata: dict[str, list[KataProgress]] = {}
    for (name, _), entry in sorted(progress.items()):
        by_kata.setdefault(name, []).append(entry)
    rows = []
    for order, kata in enumerate(catalog, start=1):
        mine = by_kata.get(kata.name, [])
        status: str = NOT_STARTED
        tracks: tuple[str, ...] = ()
        for level in PRECEDENCE:
            tracks = tuple(p.track for p in mine if p.status == level)
            if tracks:
                status = level
                break
        times = [p.time_to_pass_s for p in mine if p.time_to_pass_s is not None]
        rows.append(KataStatus(
            order, kata.name, ", ".join(kata.functions), kata.section, kata.difficulty, status,
            tracks,
            min(times) if times else None,
            {t: due.get((kata.name, t)) for t in TRACKS},
            _due_now(kata, due, day_end),
        ))  # fmt: skip
    return rows


def _due_now(
    kata: Kata, due: Mapping[tuple[str, str], datetime], day_end: datetime | None
) -> tuple[str, ...]:
    if day_end is None:
        return ()
    return tuple(t for t in TRACKS if (when := due.get((kata.name, t))) and when <= day_end)
