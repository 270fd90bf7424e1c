"""Every figure of the stats dashboard, as plain data (the --json output)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from fsrs import State

from interviewprep.bank import Card
from interviewprep.store import stats as queries
from interviewprep.store.db import Store
from interviewprep.store.interviews import list_interviews
from interviewprep.store.katas import load_progress
from interviewprep.store.reviews import CardFlags, CardRecord, load_flags, load_records
from interviewprep.study.days import local_day_start, streaks
from interviewprep.study.scheduling import make_scheduler, retrievability
from interviewprep.study.session import new_allowance

CALENDAR_WEEKS = 26
FORECAST_DAYS = 14
STATE_NAMES: dict[int, str] = {
    State.Learning: "learning",
    State.Review: "review",
    State.Relearning: "relearning",
}


def _local_date(moment: datetime, tz: tzinfo | None) -> date:
    return (moment.astimezone(tz) if tz else moment.astimezone()).date()


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    """The UTC instant at which local `day` began."""
    noon = datetime.combine(day, time(12))
    return local_day_start(noon.replace(tzinfo=tz) if tz else noon.astimezone(), tz)


def _unburied(flags: CardFlags | None, now: datetime) -> datetime:
    return flags.buried_until if flags and flags.buried_until and flags.buried_until > now else now


def card_state_name(record: CardRecord | None, flags: CardFlags | None) -> str:
    if flags is not None and flags.suspended:
        return "suspended"
    if record is None:
        return "new"
    return STATE_NAMES[record.fsrs_state]  # State is an IntEnum: the stored int is its key


def _counts_by_state(cards: Sequence[Card], state_of: Mapping[str, str]) -> dict[str, int]:
    counts = Counter(state_of[c.id] for c in cards)
    return {
        name: counts.get(name, 0)
        for name in ("new", "learning", "review", "relearning", "suspended")
    }


def _forecast(
    live: Mapping[str, CardRecord],
    flags: Mapping[str, CardFlags],
    now: datetime,
    today: date,
    tz: tzinfo | None,
) -> list[int]:
    """Cards falling due on each of the next FORECAST_DAYS local days (overdue ones today).

    Each due time is placed by bisecting the days' local midnights: converting 100,000
    due times to local dates one by one was a quarter of the whole dashboard's time.
    """
    midnights = [_midnight(today + timedelta(days=i), tz) for i in range(1, FORECAST_DAYS + 1)]
    counts = [0] * (FORECAST_DAYS + 1)
    for cid, record in live.items():
        # A buried card is due again when it is unburied, so it counts on that day.
        counts[bisect_right(midnights, max(record.due, _unburied(flags.get(cid), now)))] += 1
    return counts[:FORECAST_DAYS]


def _mastery(groups: Mapping[str, list[Card]], recall: Mapping[str, float]) -> list[dict[str, Any]]:
    """Mean predicted recall of each group's cards now (a new card counts as 0), weakest first."""
    rows = [
        {
            "name": name,
            "cards": len(cards),
            "studied": sum(1 for c in cards if c.id in recall),
            "mastery": round(sum(recall.get(c.id, 0.0) for c in cards) / len(cards), 4),
        }
        for name, cards in groups.items()
        if cards
    ]
    return sorted(rows, key=lambda r: (r["mastery"], r["name"]))


def _retention(store: Store, now: datetime, days: int, ids: set[str] | None) -> float | None:
    recalled, total = queries.retention_counts(store, now - timedelta(days=days), ids)
    return round(recalled / total, 4) if total else None


def compute_stats(
    store: Store,
    cards: Sequence[Card],
    now: datetime,
    *,
    desired_retention: float,
    new_per_day: int,
    kata_total: int,
    deck_filter: bool = False,
    since: date | None = None,
    tz: tzinfo | None = None,
) -> dict[str, Any]:
    """All dashboard figures. With deck_filter, review counts cover only `cards`."""
    ids = {c.id for c in cards} if deck_filter else None
    today = _local_date(now, tz)
    records, flags = load_records(store), load_flags(store)
    scheduler = make_scheduler(desired_retention)

    first_day = today - timedelta(days=CALENDAR_WEEKS * 7 - 1)
    if since is not None:
        first_day = max(first_day, since)
    per_day = queries.reviews_by_day(store, first_day.isoformat(), ids)
    since_day = since.isoformat() if since else None
    days = [date.fromisoformat(d) for d in queries.active_days(store, ids, since_day)]
    current, longest = streaks(days, today)

    state_of = {c.id: card_state_name(records.get(c.id), flags.get(c.id)) for c in cards}
    live = {
        cid: records[cid] for cid, state in state_of.items() if state not in ("new", "suspended")
    }
    due_now = sum(1 for cid, r in live.items() if max(r.due, _unburied(flags.get(cid), now)) <= now)
    forecast = _forecast(live, flags, now, today, tz)
    recall = {cid: retrievability(scheduler, r, now) for cid, r in live.items()}

    by_section: dict[str, list[Card]] = defaultdict(list)
    by_deck: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        by_section[card.source].append(card)
        by_deck[card.deck].append(card)

    katas = load_progress(store)
    passed = {k for (k, _), p in katas.items() if p.passed_at is not None}
    best: dict[str, float] = {}
    for (kata, _), progress in katas.items():
        seconds = progress.time_to_pass_s
        if seconds is not None and (kata not in best or seconds < best[kata]):
            best[kata] = round(seconds, 1)
    interviews = list_interviews(store)
    scores = [i.mean_score for i in interviews if i.mean_score is not None]

    since_dt = _midnight(since, tz) if since else None
    return {
        "generated_at": now.isoformat(),
        "today": today.isoformat(),
        "reviews_total": queries.count_reviews(store, ids, since_dt),
        "reviews_today": per_day.get(today.isoformat(), 0),
        "streak_days": current,
        "longest_streak_days": longest,
        "due_now": due_now,
        "new_left_today": min(
            new_allowance(store, now, new_per_day),
            sum(1 for state in state_of.values() if state == "new"),
        ),
        "cards_total": len(cards),
        "cards_by_state": _counts_by_state(cards, state_of),
        "cards_by_deck": {
            deck: _counts_by_state(deck_cards, state_of) for deck, deck_cards in by_deck.items()
        },
        "retention_7d": _retention(store, now, 7, ids),
        "retention_30d": _retention(store, now, 30, ids),
        "desired_retention": desired_retention,
        "calendar": [
            {
                "date": (first_day + timedelta(days=i)).isoformat(),
                "reviews": per_day.get((first_day + timedelta(days=i)).isoformat(), 0),
            }
            for i in range((today - first_day).days + 1)
        ],
        "forecast": [
            {"date": (today + timedelta(days=i)).isoformat(), "due": due}
            for i, due in enumerate(forecast)
        ],
        "mastery_by_section": _mastery(by_section, recall),
        "mastery_by_deck": _mastery(by_deck, recall),
        "katas": {
            "total": kata_total,
            "started": len({k for k, _ in katas}),
            "passed": len(passed),
            "best_seconds": dict(sorted(best.items())),
        },
        "interviews": {
            "count": len(interviews),
            "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
        },
    }
