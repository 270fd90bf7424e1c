"""A simulated learner: review histories with a fixed clock, for tests and benchmarks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from interviewprep.bank import Card
from interviewprep.store.db import Store
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study

START = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)


def simulate_days(
    store: Store, cards: list[Card], days: int, *, new_per_day: int = 10, seed: int = 0,
    recall: float = 0.85, start: datetime = START,
) -> int:  # fmt: skip
    """Study every day for `days` days, recalling with probability `recall`; return answers."""
    rng = random.Random(seed)
    scheduler = make_scheduler(fuzz=False)
    answered = 0
    for day in range(days):
        now = [start + timedelta(days=day)]

        def clock(now: list[datetime] = now) -> datetime:
            return now[0]

        session = open_study(
            store, cards, scheduler=scheduler, clock=clock, new_per_day=new_per_day
        )
        while session.next_card() is not None:
            rating = 3 if rng.random() < recall else 1
            session.answer(rating, duration_ms=rng.randint(2000, 9000))
            answered += 1
            now[0] += timedelta(seconds=30)
    return answered
