"""FSRS through the `fsrs` package: converting our records to its cards and back.

fsrs has no "new" state (a fresh Card is Learning, step 0): a card is new to us while
the store holds no record of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from interviewprep.config import Config
from interviewprep.store.reviews import CardRecord

LEECH_LAPSES = 8


def fsrs_card_id(card_id: str) -> int:
    """A stable integer id for fsrs (and its optimizer), derived from our text id."""
    return int.from_bytes(hashlib.sha256(card_id.encode()).digest()[:7], "big")


def make_scheduler(
    desired_retention: float = 0.9,
    parameters: Sequence[float] | None = None,
    *,
    fuzz: bool = True,
) -> Scheduler:
    if parameters is None:
        return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)
    return Scheduler(
        parameters=tuple(parameters), desired_retention=desired_retention, enable_fuzzing=fuzz
    )


def scheduler_for(config: Config) -> Scheduler:
    """The scheduler the person's settings ask for (their fitted parameters, if any).
    With load balancing on, fsrs's random fuzz is off: the session moves each interval
    within the same range itself (apply_rating's day_load)."""
    return make_scheduler(
        config.desired_retention, config.fsrs_parameters, fuzz=not config.load_balance
    )


def to_fsrs(card_id: str, record: CardRecord | None, now: datetime) -> FsrsCard:
    if record is None:
        return FsrsCard(card_id=fsrs_card_id(card_id), state=State.Learning, step=0, due=now)
    return FsrsCard(
        card_id=fsrs_card_id(card_id),
        state=State(record.fsrs_state),
        step=record.step,
        stability=record.stability,
        difficulty=record.difficulty,
        due=record.due,
        last_review=record.last_review,
    )


# The load of the days a review could fall due on: given the answer's time and a first
# and last whole number of days from it, the cards due on each of those days.
DayLoad = Callable[[datetime, int, int], Sequence[int]]


def fuzz_range(interval_days: int, maximum_interval: int) -> tuple[int, int] | None:
    """The days fsrs 6's fuzz may move an interval of `interval_days` to, as
    Scheduler._get_fuzzed_interval computes them (None: it is not fuzzed)."""
    from fsrs.scheduler import FUZZ_RANGES

    if interval_days < 2.5:
        return None
    delta = 1.0
    for span in FUZZ_RANGES:
        delta += span["factor"] * max(min(float(interval_days), span["end"]) - span["start"], 0.0)
    low, high = round(interval_days - delta), round(interval_days + delta)
    low, high = max(2, low), min(high, maximum_interval)
    return min(low, high), high


def balanced_days(base_days: int, low: int, high: int, load: Sequence[int]) -> int:
    """The day within [low, high] with the fewest cards due (load[0] is day `low`); ties
    go to the day nearest the interval FSRS computed, then the earlier one."""
    return min(range(low, high + 1), key=lambda d: (load[d - low], abs(d - base_days), d))


def _balanced_due(after: FsrsCard, now: datetime, maximum_interval: int, load: DayLoad) -> datetime:
    """Where load balancing puts a review's due time (learning steps are left alone)."""
    base_days = (after.due - now).days
    span = fuzz_range(base_days, maximum_interval) if after.state == State.Review else None
    if span is None:
        return after.due
    low, high = span
    chosen = balanced_days(base_days, low, high, load(now, low, high))
    return now + timedelta(days=chosen)


def apply_rating(
    scheduler: Scheduler,
    card_id: str,
    record: CardRecord | None,
    rating: int,
    now: datetime,
    duration_ms: int,
    day_load: DayLoad | None = None,
) -> CardRecord:
    """The card's record after `rating` at `now`. With `day_load`, the interval is not
    fuzzed at random but moved, within the same fuzz range, to the least loaded day (as
    Anki does since 24.11); the scheduler must then have fuzzing off."""
    before = to_fsrs(card_id, record, now)
    after, _ = scheduler.review_card(before, Rating(int(rating)), now, duration_ms)
    if day_load is not None:
        if scheduler.enable_fuzzing:
            raise ValueError("load balancing replaces fsrs's fuzz: make the scheduler without it")
        after.due = _balanced_due(after, now, scheduler.maximum_interval, day_load)
    lapsed = record is not None and record.fsrs_state == State.Review and rating == Rating.Again
    return CardRecord(
        card_id=card_id,
        fsrs_state=int(after.state),
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
        last_review=after.last_review,
        reps=(record.reps if record else 0) + 1,
        lapses=(record.lapses if record else 0) + int(lapsed),
        first_reviewed=record.first_reviewed if record else now,
    )


def retrievability(scheduler: Scheduler, record: CardRecord, now: datetime) -> float:
    """The predicted chance of recalling the card at `now`."""
    # fsrs reads only stability and last review here; a placeholder id spares hashing
    # the card's own id, which is most of the cost when the stats cover 100,000 cards.
    card = FsrsCard(
        card_id=0,
        state=State.Review,
        stability=record.stability,
        due=record.due,
        last_review=record.last_review,
    )
    return float(scheduler.get_card_retrievability(card, now))


def interval_days(record: CardRecord, now: datetime) -> float:
    return (record.due - now) / timedelta(days=1)
