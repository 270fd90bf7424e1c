"""Katas on the FSRS scheduler: the rating a finished round earns, and the scheduler
that turns it into the next practice.

A round is one attempt at a kata from a blank file. What is practised is writing the
kata cold, so the rating follows the outcome, not a self-grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from interviewprep.study.rating import Rating

if TYPE_CHECKING:
    from fsrs import Scheduler


class RoundOutcome(str, Enum):
    """How a round ended; stored as its value (kata_round.outcome)."""

    PASSED = "passed"  # a check of the person's file passed
    GAVE_UP = "gave_up"  # `kata give-up`
    SOLUTION = "solution"  # the reference was shown while the round was open


@dataclass(frozen=True)
class RoundFacts:
    """What happened in a finished round."""

    outcome: RoundOutcome
    failed_checks: int  # checks that failed or could not run since the round started
    hints: int  # hints shown during the round
    seconds: float  # from the round's start to its end


def round_rating(facts: RoundFacts, last_pass_seconds: float | None) -> Rating:
    """The rating of a finished round.

    Solution viewed or given up: Again. Passed after a failed check or with a hint:
    Hard. Passed at the first check without hints and faster than the previous passed
    round (`last_pass_seconds`; None when there is none, so a first pass is Good at
    best): Easy. Otherwise passed: Good.
    """
    if facts.outcome is not RoundOutcome.PASSED:
        return Rating.AGAIN
    if facts.failed_checks > 0 or facts.hints > 0:
        return Rating.HARD
    if last_pass_seconds is not None and facts.seconds < last_pass_seconds:
        return Rating.EASY
    return Rating.GOOD


def kata_scheduler(desired_retention: float, *, fuzz: bool = True) -> Scheduler:
    """fsrs 6 with its default parameters (a person's parameters are fitted to their
    flashcards and do not describe writing code) and the desired retention.

    No learning or relearning steps: fsrs's default steps (1 and 10 minutes) would bring
    a kata back minutes after it was written, which tests what is still on the screen.
    A first pass goes straight to a review interval (Good: 2 days), a give-up to one day.
    """
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=fuzz,
    )


def local_days_until(due: datetime, now: datetime) -> int:
    """Local calendar days from `now` to `due` (0: later today or already due)."""
    return max(0, (due.astimezone().date() - now.astimezone().date()).days)
