"""Every figure of the stats dashboard, as dataclasses (`dataclasses.asdict` is --json)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import repeat
from operator import attrgetter

from fsrs import State

from interviewprep.bank import Card
from interviewprep.store import stats as queries
from interviewprep.store.db import Store
from interviewprep.store.interviews import list_interviews
from interviewprep.store.katas import load_progress
from interviewprep.store.reviews import CardFlags, CardRecord, card_overview, load_flags, utc_text
from interviewprep.study.days import local_day_start, streaks
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import decay_and_factor, new_allowance

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
    """When the card can come up again: now, or when a burial still on ends."""
    return max(now, flags.buried_until or now) if flags is not None else now


def card_state_name(record: CardRecord | None, flags: CardFlags | None) -> str:
    if flags is not None and flags.suspended:
        return "suspended"
    if record is None:
        return "new"
    return STATE_NAMES[record.fsrs_state]  # State is an IntEnum: the stored int is its key


STATE_ORDER = ("new", "learning", "review", "relearning", "suspended")


@dataclass(frozen=True)
class StateCounts:
    new: int = 0
    learning: int = 0
    review: int = 0
    relearning: int = 0
    suspended: int = 0


@dataclass(frozen=True)
class DayReviews:
    date: str  # local day, YYYY-MM-DD
    reviews: int


@dataclass(frozen=True)
class DayDue:
    date: str
    due: int


@dataclass(frozen=True)
class Mastery:
    """Mean predicted recall now of one group's cards (a new card counts as 0)."""

    name: str
    cards: int
    studied: int
    mastery: float


@dataclass(frozen=True)
class KataSummary:
    total: int
    started: int
    passed: int
    best_seconds: dict[str, float]


@dataclass(frozen=True)
class InterviewSummary:
    count: int
    mean_score: float | None


@dataclass(frozen=True)
class Stats:
    generated_at: str
    today: str
    reviews_total: int
    reviews_today: int
    streak_days: int
    longest_streak_days: int
    due_now: int
    new_left_today: int
    cards_total: int
    cards_by_state: StateCounts
    cards_by_deck: dict[str, StateCounts]
    retention_7d: float | None
    retention_30d: float | None
    desired_retention: float
    calendar: list[DayReviews]
    forecast: list[DayDue]
    mastery_by_section: list[Mastery]
    mastery_by_deck: list[Mastery]
    katas: KataSummary
    interviews: InterviewSummary


@dataclass(frozen=True)
class _Activity:
    reviews_total: int
    reviews_today: int
    streak_days: int
    longest_streak_days: int
    calendar: list[DayReviews]


@dataclass(frozen=True)
class _CardFigures:
    state_of: dict[str, str]
    due_now: int
    forecast: list[DayDue]
    recall: dict[str, float]


def _ids(cards: Sequence[Card]) -> list[str]:
    return list(map(_card_id, cards))


_card_id = attrgetter("id")


def _counts_by_state(cards: Sequence[Card], state_of: Mapping[str, str]) -> StateCounts:
    # map() over C-level callables, not a generator: 100,000 cards, counted many times.
    counts = Counter(map(state_of.__getitem__, _ids(cards)))
    return StateCounts(**{name: counts.get(name, 0) for name in STATE_ORDER})


def _forecast(
    due_of: Mapping[str, str],
    flags: Mapping[str, CardFlags],
    now: datetime,
    today: date,
    tz: tzinfo | None,
) -> list[DayDue]:
    """Cards falling due on each of the next FORECAST_DAYS local days (overdue ones today).

    Each due time (stored UTC text, which sorts as time does) is placed by bisecting
    the days' local midnights as the same text: converting 100,000 due times to local
    dates one by one was a quarter of the whole dashboard's time.
    """
    midnights = [
        utc_text(_midnight(today + timedelta(days=i), tz)) for i in range(1, FORECAST_DAYS + 1)
    ]
    now_text = utc_text(now)
    counts = [0] * (FORECAST_DAYS + 1)
    for cid, due in due_of.items():
        # A buried card is due again when it is unburied, so it counts on that day.
        f = flags.get(cid)
        again = now_text if f is None or f.buried_until is None else _unburied_text(f, now)
        counts[bisect_right(midnights, max(due, again))] += 1
    return [
        DayDue((today + timedelta(days=i)).isoformat(), due)
        for i, due in enumerate(counts[:FORECAST_DAYS])
    ]


def _unburied_text(flags: CardFlags, now: datetime) -> str:
    return utc_text(_unburied(flags, now))


def _mastery(groups: Mapping[str, list[Card]], recall: Mapping[str, float]) -> list[Mastery]:
    """Each group's mean recall now, weakest first."""
    rows = []
    for name, cards in groups.items():
        if not cards:
            continue
        ids = _ids(cards)  # summed in card order, as before: the same float
        total = sum(map(recall.get, ids, repeat(0.0)))
        rows.append(Mastery(name=name, cards=len(cards), studied=sum(map(recall.__contains__, ids)),
                            mastery=round(total / len(cards), 4)))  # fmt: skip
    return sorted(rows, key=lambda r: (r.mastery, r.name))


def _retention(store: Store, now: datetime, days: int, ids: set[str] | None) -> float | None:
    recalled, total = queries.retention_counts(store, now - timedelta(days=days), ids)
    return round(recalled / total, 4) if total else None


def _activity(
    store: Store, today: date, since: date | None, ids: set[str] | None, tz: tzinfo | None
) -> _Activity:
    """Answers per day over the calendar's span, the total, and the streaks."""
    first_day = today - timedelta(days=CALENDAR_WEEKS * 7 - 1)
    if since is not None:
        first_day = max(first_day, since)
    per_day = queries.reviews_by_day(store, first_day.isoformat(), ids)
    days = queries.active_days(store, ids, since.isoformat() if since else None)
    current, longest = streaks([date.fromisoformat(d) for d in days], today)
    spanned = (first_day + timedelta(days=i) for i in range((today - first_day).days + 1))
    return _Activity(
        reviews_total=queries.count_reviews(store, ids, _midnight(since, tz) if since else None),
        reviews_today=per_day.get(today.isoformat(), 0),
        streak_days=current,
        longest_streak_days=longest,
        calendar=[DayReviews(d.isoformat(), per_day.get(d.isoformat(), 0)) for d in spanned],
    )


def _card_figures(
    store: Store, cards: Sequence[Card], now: datetime, desired_retention: float,
    today: date, tz: tzinfo | None,
) -> _CardFigures:  # fmt: skip
    """Each card's state, what is due now and later, and each studied card's recall now.

    SQLite computes each card's recall (fsrs 6's retrievability, as the study queue
    does) and no record is built: 100,000 records and their times took 0.7 s.
    """
    flags = load_flags(store)
    decay, factor = decay_and_factor(make_scheduler(desired_retention))
    rows = {row[0]: row for row in card_overview(store, now, decay=decay, factor=factor)}
    suspended = {cid for cid, f in flags.items() if f.suspended}
    state_of: dict[str, str] = {}
    for card in cards:
        row = rows.get(card.id)
        state_of[card.id] = (
            "suspended" if card.id in suspended
            else "new" if row is None
            else STATE_NAMES[row[1]]
        )  # fmt: skip
    live = [cid for cid, state in state_of.items() if state not in ("new", "suspended")]
    due_of = {cid: rows[cid][2] for cid in live}
    now_text = utc_text(now)
    buried = {cid for cid, f in flags.items() if f.buried_at(now)}
    due_now = sum(1 for cid, due in due_of.items() if due <= now_text and cid not in buried)
    return _CardFigures(
        state_of=state_of,
        due_now=due_now,
        forecast=_forecast(due_of, flags, now, today, tz),
        recall={cid: rows[cid][3] for cid in live},
    )


def _kata_summary(store: Store, kata_total: int) -> KataSummary:
    """Katas started and passed on any track; the best time to pass over the tracks."""
    katas = load_progress(store)
    best: dict[str, float] = {}
    for (kata, _), progress in katas.items():
        seconds = progress.time_to_pass_s
        if seconds is not None and (kata not in best or seconds < best[kata]):
            best[kata] = round(seconds, 1)
    return KataSummary(
        total=kata_total,
        started=len({k for k, _ in katas}),
        passed=len({k for (k, _), p in katas.items() if p.passed_at is not None}),
        best_seconds=dict(sorted(best.items())),
    )


def _interview_summary(store: Store) -> InterviewSummary:
    interviews = list_interviews(store)
    scores = [i.mean_score for i in interviews if i.mean_score is not None]
    return InterviewSummary(
        count=len(interviews),
        mean_score=round(sum(scores) / len(scores), 2) if scores else None,
    )


def _grouped(cards: Sequence[Card], key: str) -> dict[str, list[Card]]:
    groups: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        groups[getattr(card, key)].append(card)
    return groups


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
) -> Stats:
    """All dashboard figures. With deck_filter, review counts cover only `cards`."""
    ids = {c.id for c in cards} if deck_filter else None
    today = _local_date(now, tz)
    activity = _activity(store, today, since, ids, tz)
    figures = _card_figures(store, cards, now, desired_retention, today, tz)
    new_cards = sum(1 for state in figures.state_of.values() if state == "new")
    by_deck = _grouped(cards, "deck")
    return Stats(
        generated_at=now.isoformat(),
        today=today.isoformat(),
        reviews_total=activity.reviews_total,
        reviews_today=activity.reviews_today,
        streak_days=activity.streak_days,
        longest_streak_days=activity.longest_streak_days,
        due_now=figures.due_now,
        new_left_today=min(new_allowance(store, now, new_per_day), new_cards),
        cards_total=len(cards),
        cards_by_state=_counts_by_state(cards, figures.state_of),
        cards_by_deck={d: _counts_by_state(cs, figures.state_of) for d, cs in by_deck.items()},
        retention_7d=_retention(store, now, 7, ids),
        retention_30d=_retention(store, now, 30, ids),
        desired_retention=desired_retention,
        calendar=activity.calendar,
        forecast=figures.forecast,
        mastery_by_section=_mastery(_grouped(cards, "source"), figures.recall),
        mastery_by_deck=_mastery(by_deck, figures.recall),
        katas=_kata_summary(store, kata_total),
        interviews=_interview_summary(store),
    )
