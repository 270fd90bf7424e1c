"""Days as the person lives them: boundaries at local midnight."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta, timezone, tzinfo


def local_day_start(now: datetime, tz: tzinfo | None = None, days: int = 0) -> datetime:
    """The UTC instant of the local midnight that began the day containing `now`, or
    the one `days` days later."""
    local = now.astimezone(tz) if tz else now.astimezone()
    day = local.date() + timedelta(days=days)
    return datetime.combine(day, time(0), tzinfo=local.tzinfo).astimezone(timezone.utc)


def next_day_start(now: datetime) -> datetime:
    """The UTC instant of the next local midnight (when a buried card comes back)."""
    return local_day_start(now, days=1)


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days. The current streak survives a
    today without reviews yet: it counts up to yesterday until today is missed."""
    if not days:
        return 0, 0
    ordered = sorted(set(days))
    longest = run = 1
    for prev, cur in itertools.pairwise(ordered):
        run = run + 1 if (cur - prev).days == 1 else 1
        longest = max(longest, run)
    present = set(ordered)
    start = today if today in present else today - timedelta(days=1)
    current = 0
    while start in present:
        current += 1
        start -= timedelta(days=1)
    return current, longest
