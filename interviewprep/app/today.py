"""The day's plan: what to review, how many new cards, which katas, one interview
question, and how the interview date looks. The same rules bound the study session."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewprep.app.core import App
    from interviewprep.app.katas import KataDue
    from interviewprep.bank import Card
    from interviewprep.store import Store
    from interviewprep.study.pacing import Pacing
    from interviewprep.study.session import DayRules

# Seconds per card before the person has a history of their own to take the median of.
DEFAULT_REVIEW_SECONDS = 20.0
DEFAULT_NEW_SECONDS = 45.0
RECENT_ANSWERS = 500  # the medians are over this many latest answers of each kind


@dataclass(frozen=True)
class InterviewOutlook:
    """The interview date and whether the plan reaches it."""

    day: date
    days_left: int  # 0 on the day itself, negative once it has passed
    passed: bool
    pacing: Pacing | None  # None once the day has come
    studied: int  # cards with a memory state
    predicted_recall: float | None  # mean over studied cards, on the morning of the day
    below_target: int  # studied cards predicted under the desired retention then
    on_track: bool
    reasons: list[str]  # why not on track, in words


@dataclass(frozen=True)
class InterviewPick:
    """One open question from the weakest guide section begun (else the first)."""

    card_id: str
    section: str
    prompt: str
    section_recall: float | None  # the section's mean recall now; None: not begun


@dataclass(frozen=True)
class KataUnderWay:
    """A kata round started and not yet finished (passed, given up or looked up)."""

    kata: str
    track: str
    started_at: datetime


@dataclass(frozen=True)
class DayPlan:
    day: date
    reviews: int  # due reviews in today's queue, after the cap, brought-forward included
    deferred: int  # due reviews left for the next days by max_reviews_per_day
    brought_forward: int  # cards not due, reviewed now for the interview
    learning: int  # learning steps falling due within the session
    new_cards: int
    minutes: float  # the reviews and new cards, at the person's own median pace
    seconds_per_review: float
    seconds_per_new: float
    katas_due: list[KataDue]
    katas_in_progress: list[KataUnderWay]  # started, not yet finished: the newest first
    next_new_kata: str | None
    interview_question: InterviewPick | None
    interview: InterviewOutlook | None
    desired_retention: float

    @property
    def nothing_to_study(self) -> bool:
        return self.reviews + self.new_cards + self.learning == 0


def day_rules(
    app: App, store: Store, card_ids: Sequence[str], now: datetime, new: int | None = None
) -> tuple[DayRules, Pacing | None]:
    """Today's bounds on the queue over the cards of `card_ids`; `new` (the --new
    option) overrides the allowance. With an interview date to come, new cards are
    paced toward it."""
    from interviewprep.study.pacing import in_final_days, interview_morning
    from interviewprep.study.session import DayRules, new_allowance, reviews_left

    config = app.config
    today = now.astimezone().date()
    interview = config.interview_date
    ahead = interview is not None and interview >= today
    paced = _pacing(app, store, card_ids, now) if ahead and new is None else None
    if paced is not None:
        pacing, allowance = paced
    else:
        pacing = None
        allowance = new_allowance(store, now, config.new_per_day if new is None else new)
    forward = interview is not None and in_final_days(today, interview)
    return DayRules(
        new_allowance=allowance,
        review_cap=reviews_left(store, now, config.max_reviews_per_day),
        recall_by=interview_morning(interview) if forward and interview else None,
        target=config.desired_retention,
    ), pacing


def _pacing(
    app: App, store: Store, ids: Sequence[str], now: datetime
) -> tuple[Pacing, int]:
    """The pace toward the date, and today's new cards left, over the cards of `ids`
    not studied yet (suspended ones never come, so they do not count)."""
    from interviewprep.store.reviews import count_introduced_since, count_studied, load_flags
    from interviewprep.study.days import local_day_start
    from interviewprep.study.pacing import pace_today

    suspended = [i for i, f in load_flags(store).items() if f.suspended]
    wanted = set(ids)
    suspended = [i for i in suspended if i in wanted]
    unstudied = len(ids) - count_studied(store, ids)
    unstudied -= len(suspended) - count_studied(store, suspended)
    config = app.config
    assert config.interview_date is not None
    return pace_today(
        unstudied, count_introduced_since(store, local_day_start(now)),
        now.astimezone().date(), config.interview_date,
        new_per_day=config.new_per_day, max_new_per_day=config.max_new_per_day,
    )  # fmt: skip


def _medians(store: Store) -> tuple[float, float]:
    """The person's median seconds for a review and for a new card."""
    from interviewprep.store.reviews import recent_durations

    reviews, new = recent_durations(store, RECENT_ANSWERS)
    review_s = statistics.median(reviews) / 1000 if reviews else DEFAULT_REVIEW_SECONDS
    new_s = statistics.median(new) / 1000 if new else DEFAULT_NEW_SECONDS
    return review_s, new_s


def outlook(
    app: App, store: Store, cards: Sequence[Card], now: datetime, pacing: Pacing | None,
    deferred: int = 0,
) -> InterviewOutlook | None:  # fmt: skip
    """Where the person stands against the interview date, over `cards`; None without
    a date. The prediction is the dashboard's (progress/stats.morning_recall)."""
    from interviewprep.progress.stats import morning_recall
    from interviewprep.store.reviews import load_flags
    from interviewprep.study.pacing import days_until, interview_morning
    from interviewprep.study.scheduling import scheduler_for

    config = app.config
    if config.interview_date is None:
        return None
    left = days_until(now.astimezone().date(), config.interview_date)
    if left < 0:
        return InterviewOutlook(config.interview_date, left, True, None, 0, None, 0, False,
                                ["the interview day has passed"])  # fmt: skip
    morning = interview_morning(config.interview_date)
    suspended = {cid for cid, f in load_flags(store).items() if f.suspended}
    overall, _ = morning_recall(store, cards, morning, scheduler_for(config), suspended)
    reasons = []
    if pacing is not None and not pacing.reachable:
        reasons.append(f"{pacing.short_by} card(s) will not be introduced a week before the "
                       f"date at max_new_per_day = {config.max_new_per_day}")  # fmt: skip
    if deferred:
        reasons.append(f"{deferred} due review(s) deferred by max_reviews_per_day = "
                       f"{config.max_reviews_per_day}")  # fmt: skip
    return InterviewOutlook(
        config.interview_date, left, False, pacing,
        studied=overall.studied if overall else 0,
        predicted_recall=overall.mean_recall if overall else None,
        below_target=overall.below_target if overall else 0,
        on_track=not reasons, reasons=reasons,
    )  # fmt: skip


def interview_pick(
    store: Store, cards: Sequence[Card], now: datetime, app: App
) -> InterviewPick | None:
    """An open question from the begun guide section with the lowest mean recall now
    (the least recalled open card in it); before any is begun, the first section's."""
    from interviewprep.bank import CardType
    from interviewprep.store.reviews import card_overview
    from interviewprep.study.scheduling import scheduler_for
    from interviewprep.study.session import decay_and_factor

    decay, factor = decay_and_factor(scheduler_for(app.config))
    recall = {c: r for c, _, _, r in card_overview(store, now, decay=decay, factor=factor)}
    sections: dict[str, list[Card]] = {}
    for card in cards:
        sections.setdefault(card.source, []).append(card)
    scored = []
    for order, (name, members) in enumerate(sections.items()):
        open_cards = [c for c in members if c.type is CardType.OPEN]
        studied = [recall[c.id] for c in members if c.id in recall]
        if open_cards:
            mean = sum(studied) / len(studied) if studied else None
            scored.append((mean is None, mean or 0.0, order, name, open_cards, mean))
    if not scored:
        return None
    _, _, _, name, open_cards, mean = min(scored, key=lambda s: s[:3])
    card = min(open_cards, key=lambda c: recall.get(c.id, 0.0))
    return InterviewPick(card.id, name, card.prompt.strip(), mean)


def plan_day(app: App, decks: Sequence[str] = (), tags: Sequence[str] = ()) -> DayPlan:
    """The day's plan over the chosen decks, read without changing anything."""
    from interviewprep.store.reviews import load_flags
    from interviewprep.study.scheduling import scheduler_for
    from interviewprep.study.session import plan_by_id

    now = app.clock()
    pool = app.study_pool(decks, tags)  # the cards `study` would draw from, in its order
    cards = [pool.cards[card_id] for card_id in pool.order]  # the pick and the prediction
    katas = app.katas
    katas_due, next_kata = katas.due(), katas.next_new()
    under_way = [KataUnderWay(r.kata, r.track, r.started_at) for r in katas.in_progress()]
    with app.store() as store:
        rules, pacing = day_rules(app, store, pool.order, now)
        queue = plan_by_id(store, pool.order, pool.cards.keys(), load_flags(store),
                           scheduler_for(app.config), now, rules)  # fmt: skip
        review_s, new_s = _medians(store)
        look = outlook(app, store, cards, now, pacing, queue.deferred)
        pick = interview_pick(store, cards, now, app)
    reviews = len(queue.ranked)
    return DayPlan(
        day=now.astimezone().date(), reviews=reviews, deferred=queue.deferred,
        brought_forward=queue.brought_forward, learning=len(queue.soon),
        new_cards=len(queue.new), minutes=(reviews * review_s + len(queue.new) * new_s) / 60,
        seconds_per_review=review_s, seconds_per_new=new_s, katas_due=katas_due,
        katas_in_progress=under_way, next_new_kata=next_kata.name if next_kata else None,
        interview_question=pick,
        interview=look, desired_retention=app.config.desired_retention,
    )  # fmt: skip
