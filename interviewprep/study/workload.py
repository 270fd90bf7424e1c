"""The cost of a retention target: the reviews and minutes a day that each desired
retention from 0.70 to 0.97 asks over the next days, simulated from the person's own
cards, parameters, new-card rate and answer habits with fsrs's own Scheduler.

fsrs 6 has no public simulator (the Optimizer's `_simulate_cost` is private and needs
512 reviews), so each target is a seeded run of `Scheduler.review_card`: every review
is recalled with the card's predicted retrievability at that moment (a random draw),
and the rating of a recalled card, or of a new card's first answer, is drawn from the
shares the person gives. No I/O; the clock is passed in.
"""

from __future__ import annotations

import heapq
import random
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from interviewprep.store.reviews import CardRecord
from interviewprep.study.scheduling import fsrs_card_id, make_scheduler, to_fsrs

TARGETS = tuple(round(0.70 + i / 100, 2) for i in range(28))  # 0.70, 0.71, ... 0.97
SAMPLE_CARDS = 1000  # more studied (or new) cards than this: a fixed sample, scaled up
MIN_ANSWERS = 50  # fewer scheduled answers than this: the defaults below, not the history
# fsrs-rs's simulator defaults (what Anki uses without a history): the ratings of a new
# card's first answer (Again, Hard, Good, Easy), and of a recalled review (Hard, Good,
# Easy); the median time per answer is ours, about what a flashcard with a typed answer
# takes.
DEFAULT_FIRST_SHARES = (0.24, 0.094, 0.495, 0.171)
DEFAULT_PASS_SHARES = (0.224, 0.632, 0.144)
DEFAULT_SECONDS = 10.0
DAY = timedelta(days=1)


@dataclass(frozen=True)
class AnswerHabits:
    """How the person answers: what the simulation draws ratings and times from."""

    first_shares: tuple[float, ...]  # Again, Hard, Good, Easy of a new card's first answer
    pass_shares: tuple[float, ...]  # Hard, Good, Easy among recalled reviews
    seconds_per_review: float  # the median
    from_history: bool  # False: too few answers, fsrs-rs's defaults


def _shares(
    ratings: Sequence[int], kinds: Sequence[Rating], default: tuple[float, ...]
) -> tuple[float, ...]:
    """Each kind's share of `ratings`; the default with fewer than ten to go by."""
    counted = [sum(1 for r in ratings if r == kind) for kind in kinds]
    total = sum(counted)
    return tuple(round(n / total, 4) for n in counted) if total >= 10 else default


def answer_habits(answers: Sequence[tuple[bool, int, int]]) -> AnswerHabits:
    """From (first answer to a new card, rating, duration ms) of recent scheduled answers."""
    if len(answers) < MIN_ANSWERS:
        return AnswerHabits(DEFAULT_FIRST_SHARES, DEFAULT_PASS_SHARES, DEFAULT_SECONDS, False)
    first = [rating for is_first, rating, _ in answers if is_first]
    passed = [rating for is_first, rating, _ in answers if not is_first and rating > Rating.Again]
    return AnswerHabits(
        first_shares=_shares(first, list(Rating), DEFAULT_FIRST_SHARES),
        pass_shares=_shares(passed, [Rating.Hard, Rating.Good, Rating.Easy], DEFAULT_PASS_SHARES),
        seconds_per_review=round(statistics.median(ms for _, _, ms in answers) / 1000, 1),
        from_history=True,
    )


@dataclass(frozen=True)
class WorkloadInputs:
    """The person's collection as the simulation starts from it."""

    studied: list[CardRecord]  # studied cards of the selection, suspended ones left out
    new_available: int  # cards of the selection never studied and not suspended
    new_per_day: int
    parameters: tuple[float, ...] | None  # fitted by `optimize`; None: fsrs defaults
    desired_retention: float  # the person's target now
    habits: AnswerHabits


@dataclass(frozen=True)
class TargetCost:
    desired_retention: float
    reviews_per_day: float  # the mean over the days simulated
    minutes_per_day: float
    expected_recall: float  # mean predicted recall at the end, over every card simulated
    reviews_by_day: list[float]


@dataclass(frozen=True)
class Workload:
    days: int
    seed: int
    desired_retention: float
    cards_studied: int
    cards_simulated: int  # of the studied cards (a fixed sample when `sampled`)
    new_per_day: int
    new_cards: int  # introduced over the days simulated
    sampled: bool  # True: a sample was simulated and its counts scaled to the whole
    habits: AnswerHabits
    targets: list[TargetCost]


@dataclass
class _Population:
    """The cards of one run, the weight each stands for, and when the new ones arrive."""

    cards: list[FsrsCard]
    weights: list[float]
    arrivals: list[list[int]]  # per day: indices of the cards introduced that day


def _new_arrivals(total: int, per_day: int, days: int) -> tuple[list[int], float]:
    """Simulated new cards per day, and the weight of each (a sample beyond SAMPLE_CARDS)."""
    real = [min(per_day, total - per_day * d) if total > per_day * d else 0 for d in range(days)]
    if total <= SAMPLE_CARDS:
        return real, 1.0
    # Rounded on the running total, so the days add up to exactly SAMPLE_CARDS.
    marks = [round(n * SAMPLE_CARDS / total) for n in accumulate(real)]
    return [b - a for a, b in zip([0, *marks], marks, strict=False)], total / SAMPLE_CARDS


def _population(inputs: WorkloadInputs, now: datetime, days: int, seed: int) -> _Population:
    studied = sorted(inputs.studied, key=lambda r: r.card_id)
    sample = studied
    if len(studied) > SAMPLE_CARDS:
        sample = sorted(random.Random(seed).sample(studied, SAMPLE_CARDS), key=lambda r: r.card_id)
    weight = len(studied) / len(sample) if sample else 1.0
    cards = [to_fsrs(r.card_id, r, now) for r in sample]
    weights = [weight] * len(cards)
    total_new = min(inputs.new_available, inputs.new_per_day * days)
    per_day, new_weight = _new_arrivals(total_new, inputs.new_per_day, days)
    arrivals = []
    for d, count in enumerate(per_day):
        start = now + d * DAY
        first = len(cards)
        cards += [FsrsCard(card_id=fsrs_card_id(f"new-{first + i}"), state=State.Learning,
                           step=0, due=start) for i in range(count)]  # fmt: skip
        weights += [new_weight] * count
        arrivals.append(list(range(first, len(cards))))
    return _Population(cards, weights, arrivals)


class _Rater:
    """Draws each simulated answer's rating: recall from the retrievability, the rest
    from the person's shares."""

    def __init__(self, habits: AnswerHabits, scheduler: Scheduler, rng: random.Random) -> None:
        self.first = list(accumulate(habits.first_shares))
        self.passed = list(accumulate(habits.pass_shares))
        self.scheduler = scheduler
        self.rng = rng

    def rating(self, card: FsrsCard, at: datetime) -> Rating:
        draw = self.rng.random
        if card.last_review is None:  # a new card's first answer
            index = min(bisect_right(self.first, draw() * self.first[-1]), 3)
            return Rating(index + 1)
        if draw() >= self.scheduler.get_card_retrievability(card, at):
            return Rating.Again
        return Rating(min(bisect_right(self.passed, draw() * self.passed[-1]), 2) + 2)


def _run(
    population: _Population, rater: _Rater, now: datetime, days: int, seconds: float
) -> TargetCost:
    """One target's days: every card due within a day is answered then (an overdue one
    at the day's start), learning steps included, until nothing more falls due in it."""
    cards = list(population.cards)
    arriving = {i for day in population.arrivals for i in day}
    due = [(c.due, i) for i, c in enumerate(cards) if i not in arriving]
    heapq.heapify(due)
    reviews = [0.0] * days
    scheduler, weights = rater.scheduler, population.weights
    for day in range(days):
        start, end = now + day * DAY, now + (day + 1) * DAY
        for i in population.arrivals[day]:
            heapq.heappush(due, (start, i))
        while due and due[0][0] < end:
            when, i = heapq.heappop(due)
            at = max(when, start)
            card, _ = scheduler.review_card(cards[i], rater.rating(cards[i], at), at)
            cards[i] = card
            reviews[day] += weights[i]
            heapq.heappush(due, (card.due, i))
    studied = [i for i, c in enumerate(cards) if c.last_review is not None]
    total = sum(weights[i] for i in studied)
    recall = sum(weights[i] * scheduler.get_card_retrievability(cards[i], now + days * DAY)
                 for i in studied) / total if total else 0.0  # fmt: skip
    mean = sum(reviews) / days
    return TargetCost(
        desired_retention=scheduler.desired_retention,
        reviews_per_day=round(mean, 1),
        minutes_per_day=round(mean * seconds / 60, 1),
        expected_recall=round(recall, 4),
        reviews_by_day=[round(n, 1) for n in reviews],
    )


def simulate_workload(
    inputs: WorkloadInputs,
    now: datetime,
    *,
    days: int = 30,
    seed: int = 0,
    targets: Sequence[float] = TARGETS,
) -> Workload:
    """Each target's reviews and minutes a day over `days` days from `now`, the same
    seed for every target (common random numbers: the curve's steps are the targets'
    doing, not the draws')."""
    population = _population(inputs, now, days, seed)
    costs = []
    for target in targets:
        scheduler = make_scheduler(target, inputs.parameters, fuzz=False)
        rater = _Rater(inputs.habits, scheduler, random.Random(seed))
        costs.append(_run(population, rater, now, days, inputs.habits.seconds_per_review))
    new_cards = min(inputs.new_available, inputs.new_per_day * days)
    return Workload(
        days=days, seed=seed, desired_retention=inputs.desired_retention,
        cards_studied=len(inputs.studied),
        cards_simulated=min(len(inputs.studied), SAMPLE_CARDS),
        new_per_day=inputs.new_per_day, new_cards=new_cards,
        sampled=len(inputs.studied) > SAMPLE_CARDS or new_cards > SAMPLE_CARDS,
        habits=inputs.habits, targets=costs,
    )  # fmt: skip
