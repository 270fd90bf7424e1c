"""Where the person stands on each kata, over every track they have tried."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interviewprep.katas.catalog import Kata
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


def kata_statuses(
    catalog: Sequence[Kata], progress: Mapping[tuple[str, str], KataProgress]
) -> list[KataStatus]:
    """One status per kata of the catalogue, in teaching order."""
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
        ))  # fmt: skip
    return rows

