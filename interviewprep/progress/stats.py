"""Every figure of the stats dashboard, as dataclasses (`dataclasses.asdict` is --json)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import repeat
from operator import attrgetter

from fsrs import Scheduler, State

from interviewprep.bank import Card
from interviewprep.store import stats as queries
from interviewprep.store.db import Store
from interviewprep.store.interviews import list_interviews
from interviewprep.store.katas import load_progress
from interviewprep.store.reviews import (
    CardFlags,
    CardRecord,
    card_overview,
    count_introduced_since,
    load_flags,
    load_records,
    utc_text,
)
from interviewprep.study.days import local_day_start, streaks
from interviewprep.study.pacing import days_until, interview_morning, pace_today
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import decay_and_factor, new_allowance
from interviewprep.study.workload import WorkloadInputs, answer_habits

CALENDAR_WEEKS = 26
FORECAST_DAYS = 14
MATURE_DAYS = 21  # Anki's line: a card whose interval is 21 days or more is mature
RETENTION_WINDOW_DAYS = (30, 7, 1)  # the month, the week, today: the earliest first
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
class PassRate:
    """Passed answers (Hard, Good or Easy) among `reviews`; None when there were none."""

    passed: int
    reviews: int
    retention: float | None


@dataclass(frozen=True)
class RetentionSplit:
    young: PassRate  # the card's interval before the answer under MATURE_DAYS
    mature: PassRate
    all: PassRate


@dataclass(frozen=True)
class TrueRetention:
    """Anki's true retention: scheduled answers to cards in the review state, split by
    the interval before the answer, over today, the last 7 and the last 30 local days."""

    mature_days: int
    desired_retention: float
    today: RetentionSplit
    week: RetentionSplit
    month: RetentionSplit


@dataclass(frozen=True)
class SectionRecall:
    """Predicted recall on the interview morning of one guide section's studied cards."""

    name: str
    studied: int
    mean_recall: float
    below_target: int


@dataclass(frozen=True)
class NewCardPace:
    """Whether new-card pacing introduces every card in time (study/pacing.py)."""

    remaining: int  # cards of the selection never studied and not suspended
    deadline: str  # every card introduced by the end of this day
    new_today: int  # what study brings in today: the pace, less those introduced already
    reachable: bool
    short_by: int  # cards the max_new_per_day cap leaves unintroduced by the deadline


@dataclass(frozen=True)
class InterviewDay:
    """The interview date's figures. A date already passed has only `date`, `days_left`
    (negative) and `passed`; the rest is None or empty."""

    date: str
    days_left: int
    passed: bool
    morning: str | None  # the UTC instant recall is predicted for
    studied: int
    mean_recall: float | None  # over studied, unsuspended cards, from their state now
    below_target: int
    by_section: list[SectionRecall]
    workload: list[DayDue]  # cards due each day from today to the interview day
    pace: NewCardPace | None


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
    true_retention: TrueRetention
    interview: InterviewDay | None  # None without an interview date


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
    due_of: dict[str, str]  # studied, unsuspended cards: due as stored UTC text
    flags: dict[str, CardFlags]


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
    days: int = FORECAST_DAYS,
) -> list[DayDue]:
    """Cards falling due on each of the next `days` local days (overdue ones today).

    Each due time (stored UTC text, which sorts as time does) is placed by bisecting
    the days' local midnights as the same text: converting 100,000 due times to local
    dates one by one was a quarter of the whole dashboard's time.
    """
    midnights = [utc_text(_midnight(today + timedelta(days=i), tz)) for i in range(1, days + 1)]
    now_text = utc_text(now)
    counts = [0] * (days + 1)
    for cid, due in due_of.items():
        # A buried card is due again when it is unburied, so it counts on that day.
        f = flags.get(cid)
        again = now_text if f is None or f.buried_until is None else _unburied_text(f, now)
        counts[bisect_right(midnights, max(due, again))] += 1
    return [
        DayDue((today + timedelta(days=i)).isoformat(), due) for i, due in enumerate(counts[:days])
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


def _pass_rate(passed: int, reviews: int) -> PassRate:
    return PassRate(passed, reviews, round(passed / reviews, 4) if reviews else None)


def _true_retention(
    store: Store, today: date, tz: tzinfo | None, desired_retention: float, ids: set[str] | None
) -> TrueRetention:
    """Pass rates of young and mature cards since each window's first local midnight."""
    starts = [_midnight(today - timedelta(days=n - 1), tz) for n in RETENTION_WINDOW_DAYS]
    counts = queries.true_retention_counts(store, starts, MATURE_DAYS, ids)
    splits = []
    pairs = zip(counts[False], counts[True], strict=True)
    for (young_passed, young), (mature_passed, mature) in pairs:
        splits.append(RetentionSplit(
            young=_pass_rate(young_passed, young),
            mature=_pass_rate(mature_passed, mature),
            all=_pass_rate(young_passed + mature_passed, young + mature),
        ))  # fmt: skip
    month, week, day = splits
    return TrueRetention(MATURE_DAYS, desired_retention, today=day, week=week, month=month)


def _recall_of(name: str, recalls: Sequence[float], target: float) -> SectionRecall:
    return SectionRecall(
        name=name,
        studied=len(recalls),
        mean_recall=round(sum(recalls) / len(recalls), 4),
        below_target=sum(1 for r in recalls if r < target),
    )


def morning_recall(
    store: Store, cards: Sequence[Card], morning: datetime, scheduler: Scheduler,
    suspended: Collection[str],
) -> tuple[SectionRecall | None, list[SectionRecall]]:  # fmt: skip
    """Each studied card's recall at `morning` (the interview's) from its state now
    (SQLite computes it, as for recall now), overall and per guide section, weakest
    section first; suspended cards left out; None overall before any is studied."""
    decay, factor = decay_and_factor(scheduler)
    at_morning = {row[0]: row[3] for row in card_overview(store, morning, decay=decay,
                                                           factor=factor)}  # fmt: skip
    target = scheduler.desired_retention
    by_section: dict[str, list[float]] = defaultdict(list)
    for card in cards:
        if card.id in at_morning and card.id not in suspended:
            by_section[card.source].append(at_morning[card.id])
    sections = [_recall_of(name, recalls, target) for name, recalls in by_section.items()]
    every = [r for recalls in by_section.values() for r in recalls]
    overall = _recall_of("all", every, target) if every else None
    return overall, sorted(sections, key=lambda r: (r.mean_recall, r.name))


@dataclass(frozen=True)
class InterviewSettings:
    """What the interview-day figures need from the person's settings."""

    day: date
    desired_retention: float
    new_per_day: int
    max_new_per_day: int
    fsrs_parameters: Sequence[float] | None = None


def _interview_day(
    store: Store, cards: Sequence[Card], figures: _CardFigures, now: datetime,
    today: date, tz: tzinfo | None, settings: InterviewSettings,
) -> InterviewDay:  # fmt: skip
    """Predicted recall on the morning of the date, the load up to it and the pacing."""
    left = days_until(today, settings.day)
    if left < 0:
        return InterviewDay(settings.day.isoformat(), left, True, None, 0, None, 0, [], [], None)
    morning = interview_morning(settings.day, tz)
    scheduler = make_scheduler(settings.desired_retention, settings.fsrs_parameters)
    suspended = {cid for cid, f in figures.flags.items() if f.suspended}
    overall, sections = morning_recall(store, cards, morning, scheduler, suspended)
    remaining = sum(1 for state in figures.state_of.values() if state == "new")
    introduced = count_introduced_since(store, local_day_start(now, tz))
    pacing, new_today = pace_today(remaining, introduced, today, settings.day,
                                   new_per_day=settings.new_per_day,
                                   max_new_per_day=settings.max_new_per_day)  # fmt: skip
    return InterviewDay(
        date=settings.day.isoformat(),
        days_left=left,
        passed=False,
        morning=morning.isoformat(),
        studied=overall.studied if overall else 0,
        mean_recall=overall.mean_recall if overall else None,
        below_target=overall.below_target if overall else 0,
        by_section=sections,
        workload=_forecast(figures.due_of, figures.flags, now, today, tz, left + 1),
        pace=NewCardPace(
            remaining, pacing.deadline.isoformat(), new_today, pacing.reachable, pacing.short_by
        ),
    )


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
    today: date, tz: tzinfo | None, parameters: Sequence[float] | None = None,
) -> _CardFigures:  # fmt: skip
    """Each card's state, what is due now and later, and each studied card's recall now.

    SQLite computes each card's recall (fsrs 6's retrievability, as the study queue
    does) and no record is built: 100,000 records and their times took 0.7 s.
    """
    flags = load_flags(store)
    decay, factor = decay_and_factor(make_scheduler(desired_retention, parameters))
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
        due_of=due_of,
        flags=flags,
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


def _new_left_today(
    store: Store, now: datetime, new_per_day: int, figures: _CardFigures, day: InterviewDay | None
) -> int:
    """New cards today's study would still bring in: paced toward the interview date
    while it is ahead, else what is left of new_per_day."""
    if day is not None and day.pace is not None:
        return day.pace.new_today
    new_cards = sum(1 for state in figures.state_of.values() if state == "new")
    return min(new_allowance(store, now, new_per_day), new_cards)


HABIT_ANSWERS = 10_000  # the latest answers the workload simulation's habits come from


def workload_inputs(
    store: Store,
    cards: Sequence[Card],
    *,
    new_per_day: int,
    parameters: tuple[float, ...] | None,
    desired_retention: float,
) -> WorkloadInputs:
    """What `stats --workload` simulates from: the selection's studied cards (suspended
    ones left out), how many of its cards are new, and the person's answer habits."""
    suspended = {cid for cid, f in load_flags(store).items() if f.suspended}
    records = load_records(store)
    ids = [card.id for card in cards if card.id not in suspended]
    studied = [records[cid] for cid in ids if cid in records]
    habits = answer_habits(queries.recent_answers(store, HABIT_ANSWERS))
    return WorkloadInputs(studied, len(ids) - len(studied), new_per_day, parameters,
                          desired_retention, habits)  # fmt: skip


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
    interview: InterviewSettings | None = None,
    fsrs_parameters: Sequence[float] | None = None,
) -> Stats:
    """All dashboard figures. With deck_filter, review counts cover only `cards`; with
    `interview`, the interview day's figures too."""
    ids = {c.id for c in cards} if deck_filter else None
    today = _local_date(now, tz)
    activity = _activity(store, today, since, ids, tz)
    figures = _card_figures(store, cards, now, desired_retention, today, tz, fsrs_parameters)
    day = None if interview is None else _interview_day(store, cards, figures, now, today, tz,
                                                        interview)  # fmt: skip
    by_deck = _grouped(cards, "deck")
    return Stats(
        generated_at=now.isoformat(),
        today=today.isoformat(),
        reviews_total=activity.reviews_total,
        reviews_today=activity.reviews_today,
        streak_days=activity.streak_days,
        longest_streak_days=activity.longest_streak_days,
        due_now=figures.due_now,
        new_left_today=_new_left_today(store, now, new_per_day, figures, day),
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
        true_retention=_true_retention(store, today, tz, desired_retention, ids),
        interview=day,
    )
