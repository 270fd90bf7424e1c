"""The dashboard's card figures, read as rows with SQLite's retrievability, are those
of the rule over parsed records (the way they were computed before issue 17)."""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import timedelta, timezone

import pytest

from interviewprep.bank import Card
from interviewprep.progress.stats import (
    FORECAST_DAYS,
    STATE_NAMES,
    _card_figures,
    _local_date,
    _midnight,
    _unburied,
)
from interviewprep.store import open_store
from interviewprep.store.reviews import load_flags, load_records
from interviewprep.study.scheduling import make_scheduler, retrievability
from tests.test_queue_sql import NOW, _fill, cards  # noqa: F401  (a fixture)


@pytest.mark.parametrize("tz", [timezone.utc, timezone(timedelta(hours=-5, minutes=-30))])
@pytest.mark.parametrize("seed", [3, 4])
def test_card_figures_match_the_record_rule(cards: list[Card], tz, seed: int) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    today = _local_date(NOW, tz)
    with open_store() as store:
        _fill(store, cards, random.Random(seed))
        records, flags = load_records(store), load_flags(store)
        figures = _card_figures(store, cards, NOW, 0.9, today, tz)
    state_of = {}
    for c in cards:
        f, r = flags.get(c.id), records.get(c.id)
        state_of[c.id] = ("suspended" if f and f.suspended else "new" if r is None
                          else STATE_NAMES[r.fsrs_state])  # fmt: skip
    live = {cid: records[cid] for cid, s in state_of.items() if s not in ("new", "suspended")}
    assert figures.state_of == state_of
    assert figures.due_now == sum(
        1 for cid, r in live.items() if max(r.due, _unburied(flags.get(cid), NOW)) <= NOW
    )
    midnights = [_midnight(today + timedelta(days=i), tz) for i in range(1, FORECAST_DAYS + 1)]
    counts = [0] * (FORECAST_DAYS + 1)
    for cid, r in live.items():
        counts[bisect_right(midnights, max(r.due, _unburied(flags.get(cid), NOW)))] += 1
    assert [d.due for d in figures.forecast] == counts[:FORECAST_DAYS]
    scheduler = make_scheduler(0.9)
    assert figures.recall == {cid: retrievability(scheduler, r, NOW) for cid, r in live.items()}
    assert (
        figures.due_now
        and sum(counts[1:FORECAST_DAYS])
        and any(f.buried_until for f in flags.values())
    )
