"""Fitting personal FSRS parameters to the person's own review history.

The fit uses the optimizer that `fsrs` ships (it needs torch: the `torch` extra). The
before/after figure is the log loss of predicted recall against what happened, over
every review that came a day or more after the previous one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler

from interviewprep.errors import UserError
from interviewprep.study.scheduling import fsrs_card_id

# fsrs's Optimizer returns the default parameters below 512 reviews, so asking for
# fewer would "fit" nothing.
MIN_REVIEWS = 512

History = Sequence[tuple[str, int, datetime, int]]  # card id, rating, time, duration ms


@dataclass(frozen=True)
class FitResult:
    reviews: int
    loss_before: float
    loss_after: float
    parameters: tuple[float, ...]

    @property
    def improved(self) -> bool:
        return self.loss_after < self.loss_before


def log_loss(parameters: Sequence[float], history: History) -> float:
    """Mean binary cross-entropy of predicted retrievability vs recalled (rating > 1)."""
    scheduler = Scheduler(parameters=tuple(parameters), enable_fuzzing=False)
    by_card: dict[str, list[tuple[int, datetime]]] = defaultdict(list)
    for card_id, rating, when, _ in history:
        by_card[card_id].append((rating, when))
    total, count = 0.0, 0
    for card_id, reviews in by_card.items():
        card = FsrsCard(card_id=fsrs_card_id(card_id), due=reviews[0][1])
        for rating, when in reviews:
            if card.last_review is not None and (when - card.last_review).days > 0:
                p = min(max(scheduler.get_card_retrievability(card, when), 1e-6), 1 - 1e-6)
                recalled = rating > Rating.Again
                total -= math.log(p) if recalled else math.log(1 - p)
                count += 1
            card, _ = scheduler.review_card(card, Rating(rating), when)
    return total / count if count else float("nan")


def fit_parameters(history: History, current: Sequence[float] | None = None) -> FitResult:
    """Fit with fsrs's Optimizer; raises UserError when history or torch is missing."""
    if len(history) < MIN_REVIEWS:
        raise UserError(
            f"{len(history)} reviews so far; the optimizer needs {MIN_REVIEWS} "
            f"({MIN_REVIEWS - len(history)} more) to fit parameters worth trusting",
            hint="keep studying; until then the default FSRS parameters are used",
        )
    try:
        from fsrs import Optimizer
    except ImportError:
        raise UserError(
            "the FSRS optimizer needs torch, which is not installed",
            hint='pip install "interviewprep[torch]" (on CPU-only machines install '
            "torch's CPU build first)",
        ) from None
    logs = [
        ReviewLog(fsrs_card_id(cid), Rating(rating), when, duration)
        for cid, rating, when, duration in history
    ]
    fitted = tuple(float(p) for p in Optimizer(logs).compute_optimal_parameters())
    before = tuple(current) if current else tuple(Scheduler().parameters)
    return FitResult(len(history), log_loss(before, history), log_loss(fitted, history), fitted)
