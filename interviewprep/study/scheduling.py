"""FSRS through the `fsrs` package: converting our records to its cards and back.

fsrs has no "new" state (a fresh Card is Learning, step 0): a card is new to us while
the store holds no record of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
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
    """The scheduler the person's settings ask for (their fitted parameters, if any)."""
    return make_scheduler(config.desired_retention, config.fsrs_parameters)


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


def apply_rating(
    scheduler: Scheduler,
    card_id: str,
    record: CardRecord | None,
    rating: int,
    now: datetime,
    duration_ms: int,
) -> CardRecord:
    """The card's record after `rating` at `now`."""
    before = to_fsrs(card_id, record, now)
    after, _ = scheduler.review_card(before, Rating(int(rating)), now, duration_ms)
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
