"""What state a card is in, and the person's changes to its flags (suspend, bury, flag).

Pure rules over plain values: the store loads the records and flags, and saves the
changed flags; nothing here reads the clock or the disk.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from interviewprep.study.days import next_day_start

if TYPE_CHECKING:  # the CLI imports the enums at start-up: no fsrs, no sqlite3 then
    from interviewprep.store.reviews import CardFlags, CardRecord


class CardState(str, Enum):
    """The states `cards --state` filters by; a card may be in several at once."""

    NEW = "new"
    DUE = "due"
    LEARNING = "learning"  # first learning steps, or relearning after a lapse
    REVIEW = "review"
    SUSPENDED = "suspended"
    BURIED = "buried"
    FLAGGED = "flagged"
    LEECH = "leech"


class FlagChange(str, Enum):
    SUSPEND = "suspend"
    UNSUSPEND = "unsuspend"
    BURY = "bury"
    UNBURY = "unbury"
    FLAG = "flag"
    UNFLAG = "unflag"


def hidden(flags: CardFlags | None, now: datetime) -> bool:
    """Suspended, or buried until later: out of every session, study and quiz alike."""
    return flags is not None and (flags.suspended or flags.buried_at(now))


def states_of(
    record: CardRecord | None, flags: CardFlags | None, now: datetime
) -> frozenset[CardState]:
    """Every state the card is in at `now`."""
    from fsrs import State

    suspended = flags is not None and flags.suspended
    buried = flags is not None and flags.buried_at(now)
    states: set[CardState] = set()
    if record is None:
        states.add(CardState.NEW)
    elif record.fsrs_state == State.Review:
        states.add(CardState.REVIEW)
    else:
        states.add(CardState.LEARNING)
    if record is not None and record.due <= now and not hidden(flags, now):
        states.add(CardState.DUE)
    for state, present in (
        (CardState.SUSPENDED, suspended),
        (CardState.BURIED, buried),
        (CardState.FLAGGED, flags is not None and flags.flagged),
        (CardState.LEECH, flags is not None and flags.leech),
    ):
        if present:
            states.add(state)
    return frozenset(states)


def in_state(
    card_ids: Collection[str],
    state: CardState,
    records: Mapping[str, CardRecord],
    flags: Mapping[str, CardFlags],
    now: datetime,
) -> list[str]:
    """The ids (in the order given) of the cards in `state` at `now`."""
    return [cid for cid in card_ids if state in states_of(records.get(cid), flags.get(cid), now)]


def changed_flags(flags: CardFlags, change: FlagChange, now: datetime) -> CardFlags:
    """The card's flags after the change; burying hides it until the next local midnight."""
    if change is FlagChange.SUSPEND:
        return replace(flags, suspended=True)
    if change is FlagChange.UNSUSPEND:
        return replace(flags, suspended=False)
    if change is FlagChange.BURY:
        return replace(flags, buried_until=next_day_start(now))
    if change is FlagChange.UNBURY:
        return replace(flags, buried_until=None)
    return replace(flags, flagged=change is FlagChange.FLAG)
