"""Working toward an interview date: how many new cards a day, and when a card's recall
on the day is predicted. Plain values in, dataclasses out; the clock is passed in."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

# "The morning of the interview": recall is predicted for this local time on the day.
INTERVIEW_MORNING = time(8, 0)
# Every card is introduced at least this long before the date, so that it has had a
# few reviews (the first intervals are a day or two, then about a week) by the day.
INTRODUCED_BEFORE = timedelta(days=7)
# In the last days before the date, cards whose recall on the morning would be under
# the target are brought forward: a review then lasts until the interview.
FINAL_DAYS = 3


def interview_morning(day: date, tz: tzinfo | None = None) -> datetime:
    """The UTC instant of INTERVIEW_MORNING, local time, on `day`."""
    local = datetime.combine(day, INTERVIEW_MORNING)
    aware = local.replace(tzinfo=tz) if tz else local.astimezone()
    return aware.astimezone(timezone.utc)


@dataclass(frozen=True)
class Pacing:
    """Today's new cards toward the date. `short_by` is how many cards the cap leaves
    unintroduced by the deadline (0 when the date is reachable)."""

    deadline: date  # every card introduced by the end of this day
    days_to_deadline: int  # days left to introduce cards in, today included (at least 1)
    remaining: int  # cards not introduced at the start of today
    per_day: int  # what the date asks: remaining spread evenly over the days left
    allowance: int  # new cards for today: per_day, at least new_per_day, at most the cap
    reachable: bool
    short_by: int


def pace_new_cards(
    remaining: int, today: date, interview: date, *, new_per_day: int, max_new_per_day: int
) -> Pacing:
    """New cards for `today` so that the `remaining` ones (never studied at the start of
    the day) are all introduced INTRODUCED_BEFORE the interview, within the cap.

    The person's own `new_per_day` stays the least they get; the date raises it as far as
    `max_new_per_day`. Past the deadline, what is left comes in as fast as the cap allows.
    """
    deadline = interview - INTRODUCED_BEFORE
    days = max(1, (deadline - today).days + 1)
    per_day = math.ceil(remaining / days)
    cap = max(new_per_day, max_new_per_day)
    allowance = min(max(per_day, new_per_day), cap)
    late = today > deadline and remaining > 0
    short_by = remaining if late else max(0, remaining - cap * days)
    return Pacing(deadline, days, remaining, per_day, allowance, short_by == 0, short_by)


def pace_today(
    remaining: int, introduced_today: int, today: date, interview: date, *,
    new_per_day: int, max_new_per_day: int,
) -> tuple[Pacing, int]:  # fmt: skip
    """The pace over the cards new at the start of today (the `remaining` ones still new,
    plus those introduced since midnight), and the new cards it still allows today.
    The study queue and the dashboard both count this way, so they agree."""
    pacing = pace_new_cards(remaining + introduced_today, today, interview,
                            new_per_day=new_per_day, max_new_per_day=max_new_per_day)  # fmt: skip
    return pacing, min(remaining, max(0, pacing.allowance - introduced_today))


def in_final_days(today: date, interview: date) -> bool:
    """Whether cards are brought forward today: the interview is within FINAL_DAYS."""
    return 0 < (interview - today).days <= FINAL_DAYS


def days_until(today: date, interview: date) -> int:
    return (interview - today).days
