"""The study session: which card comes next, and what answering, undoing, skipping,
burying, suspending and flagging do. No terminal I/O; the clock is passed in."""

from __future__ import annotations

import heapq
import random
from collections import deque
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import compress
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from fsrs import Scheduler, State

from interviewprep.bank import Card, CardType
from interviewprep.store.db import Store
from interviewprep.store.reviews import (
    CardFlags,
    CardRecord,
    Rate,
    Review,
    answer_card,
    change_answer,
    count_introduced_since,
    count_reviewed_since,
    due_between,
    due_counts,
    due_ids,
    due_ranked,
    due_ranked_lowest,
    first_unstudied,
    load_flags,
    load_record,
    next_due,
    recall_below,
    save_flags,
    undo_review,
)
from interviewprep.store.stats import active_days
from interviewprep.study.card_states import hidden
from interviewprep.study.days import local_day_start, next_day_start, streaks
from interviewprep.study.rating import Rating
from interviewprep.study.scheduling import (
    LEECH_LAPSES,
    DayLoad,
    apply_rating,
    interval_days,
    retrievability,
)

if TYPE_CHECKING:
    from interviewprep.study.grading import Grade

Clock = Callable[[], datetime]
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class SessionOptions:
    limit: int | None = None  # cards answered at most
    minutes: float | None = None
    mode: str = "study"  # study | quiz
    schedule: bool = True  # does an answer move the FSRS state?
    leech_lapses: int = LEECH_LAPSES  # the setting of that name
    # A review's due day is the least loaded in its fuzz range (the scheduler's own fuzz
    # must then be off): the setting load_balance.
    load_balance: bool = False


@dataclass(frozen=True)
class DayRules:
    """What bounds today's queue besides FSRS's due times: the new cards still allowed,
    the reviews still allowed (max_reviews_per_day less today's; None: no cap) and, in
    the final days before an interview, its morning: cards whose predicted recall then
    is under `target` are brought forward."""

    new_allowance: int
    review_cap: int | None = None
    recall_by: datetime | None = None
    target: float = 0.9


@dataclass(frozen=True)
class QueuePlan:
    due: list[str]  # in the order to show them
    new: list[str]
    soon: list[tuple[datetime, str]] = field(default_factory=list)  # due within learn-ahead
    # Due cards as (rank, id) pairs in heap order, shown lowest first, after `due`: what
    # SQLite computed, left unsorted (plan_by_id). The rank is the retrievability
    # now; a card brought forward ranks 1 + its retrievability at the interview, so
    # after every card that is due.
    ranked: list[tuple[float, str]] = field(default_factory=list)
    deferred: int = 0  # due cards left for the next days by the review cap
    brought_forward: int = 0  # cards not due yet, taken for the interview

    def due_order(self) -> list[str]:
        """Every due card in the order the session shows them."""
        return self.due + [card_id for _, card_id in sorted(self.ranked)]


class DueQueue:
    """The due cards still to show: a heap of (rank, id), so the first card costs no
    sort of every due card, and each next one a heap pop (microseconds)."""

    def __init__(self, ordered: Sequence[str], ranked: list[tuple[float, str]]) -> None:
        # Cards given in order come first: ranks below any retrievability (>= 0).
        self._heap = [(float(i - len(ordered)), c) for i, c in enumerate(ordered)]
        self._heap += ranked
        heapq.heapify(self._heap)

    def __len__(self) -> int:
        return len(self._heap)

    def first(self) -> str:
        return self._heap[0][1]

    def pop(self) -> str:
        return heapq.heappop(self._heap)[1]


@dataclass(frozen=True)
class Progress:
    answered: int
    position: int  # the number of the card on screen (answered + 1)
    total: int  # answered + what is still planned
    due_left: int
    new_left: int
    learning_left: int


@dataclass(frozen=True)
class Outcome:
    review: Review
    record: CardRecord | None
    interval_days: float | None
    became_leech: bool


# What the person gave for a card: nothing (a flashcard, revealed), the text typed, the
# choice picked, or a list (the choices ticked, or one text per blank).
Response = str | Sequence[str] | None


@dataclass(frozen=True)
class Turn:
    """A response to the card on screen, graded. An auto-graded answer is saved with its
    proposed rating at once (nothing given is lost if the program dies before the person
    rates); `outcome` is that saved answer, None for a card the person rates alone."""

    card: Card
    grade: Grade | None
    proposed: Rating | None
    outcome: Outcome | None
    duration_ms: int

    @property
    def missed(self) -> bool:
        return self.grade is not None and not self.grade.correct


def logged_text(card: Card, response: Response) -> str | None:
    """The response as the review log keeps it."""
    if response is None or isinstance(response, str):
        return response
    return (" | " if card.type is CardType.CLOZE else "; ").join(response)


@dataclass(frozen=True)
class Summary:
    answered: int
    graded: int
    correct: int
    seconds: float
    next_due: datetime | None
    streak_days: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.graded if self.graded else None


def plan_study(
    cards: Sequence[Card],
    records: Mapping[str, CardRecord],
    flags: Mapping[str, CardFlags],
    scheduler: Scheduler,
    now: datetime,
    new_allowance: int,
    studied: Collection[str] | None = None,
) -> QueuePlan:
    """Due cards, least likely to be recalled first; then new cards in bank order.

    The rule, over records in memory; `plan_by_id` builds the same plan in SQLite
    without reading every record (tests/test_queue_sql.py checks they agree). Cards
    falling due within the learn-ahead window (learning steps of a minute or ten)
    join the session too, and come up when due or when nothing else is left.
    """
    due: list[tuple[float, str]] = []
    new: list[str] = []
    soon: list[tuple[datetime, str]] = []
    studied = records.keys() if studied is None else studied
    for card in cards:
        if hidden(flags.get(card.id), now):
            continue
        record = records.get(card.id)
        if card.id not in studied:
            if len(new) < new_allowance:
                new.append(card.id)
        elif record is None:  # studied, and not due within the session
            continue
        elif due_today(record, now):
            due.append((retrievability(scheduler, record, now), card.id))
        elif record.due <= now + LEARN_AHEAD:
            soon.append((record.due, card.id))
    due.sort()
    return QueuePlan([card_id for _, card_id in due], new, sorted(soon))


def due_today(record: CardRecord, now: datetime) -> bool:
    """Due at `now`: a review (whole-day interval) for all of the local day it falls due
    in, a learning step by the clock. store.reviews.due_ranked is the same rule in SQL."""
    if record.fsrs_state == State.Review:
        return record.due < next_day_start(now)
    return record.due <= now


def decay_and_factor(scheduler: Scheduler) -> tuple[float, float]:
    """fsrs 6's forgetting-curve constants, computed as Scheduler.__init__ does."""
    decay = -scheduler.parameters[20]
    return decay, 0.9 ** (1 / decay) - 1


@dataclass(frozen=True)
class CardPool:
    """The cards a study session draws from, by id: `order` is every one in the order
    new cards come (the guide's), and `cards` maps exactly those ids to their Card,
    made when asked for (a library's CardIndex makes only the cards shown, issue 17).
    Its keys() is the membership test of the due cards: a dict's keys, from C."""

    order: Sequence[str]
    cards: Mapping[str, Card]


def card_pool(cards: Sequence[Card]) -> CardPool:
    """A pool of cards already made, in the order given."""
    by_id = dict(zip(map(_CARD_ID, cards), cards, strict=True))
    return CardPool(list(by_id), by_id)


def plan_by_id(
    store: Store,
    card_ids: Sequence[str],
    selected: Collection[str],
    flags: Mapping[str, CardFlags],
    scheduler: Scheduler,
    now: datetime,
    rules: DayRules | int,
) -> QueuePlan:
    """`plan_study`'s plan, ordered by SQLite, then bounded by the day's rules (a plain
    number: the new allowance alone). Only ids are read: no record is parsed and no
    card is needed. `card_ids` are the selection in the order new cards come,
    `selected` the same ids as a set (or a dict's keys)."""
    rules = DayRules(rules) if isinstance(rules, int) else rules
    decay, factor = decay_and_factor(scheduler)
    out = {card_id for card_id, f in flags.items() if hidden(f, now)}
    day_end = next_day_start(now)
    ranked, deferred = _due_shown(store, now, rules.review_cap, selected, out, (decay, factor))
    forward = _brought_forward(store, now, rules, selected, out, (decay, factor))
    if rules.review_cap is not None:
        forward = forward[: max(0, rules.review_cap - len(ranked))]
    soon = due_between(store, now, now + LEARN_AHEAD, day_end)
    soon = [(d, c) for d, c in soon if c in selected and c not in out]
    # Hidden cards among the first unstudied ones do not count against the allowance.
    candidates = first_unstudied(store, card_ids, rules.new_allowance + len(out))
    new = [c for c in candidates if c not in out][: rules.new_allowance]
    ranked += [(1.0 + r, c) for r, c in forward]
    return QueuePlan([], new, soon, ranked, deferred, len(forward))


def _due_shown(
    store: Store, now: datetime, cap: int | None, selected: Collection[str],
    out: Collection[str], curve: tuple[float, float],
) -> tuple[list[tuple[float, str]], int]:  # fmt: skip
    """The (rank, id) pairs of the due cards shown today (selected, not hidden), at most
    `cap` of them, most at risk first: the rest stays due and competes again tomorrow;
    and how many that leaves for the next days."""
    decay, factor = curve
    day_end = next_day_start(now)
    if cap is not None:
        # A day's cap (200 by default) of 100,000 due cards: count them by id, and
        # take the lowest ranks from SQLite, enough that the cap's worth are shown
        # even if every card not shown ranks lower (0.03 s less than reading every
        # rank). When most due cards are not shown (a deck chosen), that would be
        # most of them, and reading every rank is cheaper.
        due = due_ids(store, now, day_end)
        shown = sum(map(selected.__contains__, due))
        hidden_selected = {c for c in out if c in selected}
        if hidden_selected:
            shown -= sum(map(hidden_selected.__contains__, due))
        lowest = cap + len(due) - shown
        if lowest <= len(due) // 4:
            pairs = due_ranked_lowest(store, now, lowest, decay=decay, factor=factor,
                                      day_end=day_end)  # fmt: skip
            return _shown(pairs, selected, out)[:cap], max(0, shown - cap)
    ranked = _shown(due_ranked(store, now, decay=decay, factor=factor, day_end=day_end),
                    selected, out)  # fmt: skip
    if cap is None or len(ranked) <= cap:
        return ranked, 0
    return heapq.nsmallest(cap, ranked), len(ranked) - cap


def _shown(
    pairs: list[tuple[float, str]], selected: Collection[str], out: Collection[str]
) -> list[tuple[float, str]]:
    """The (rank, id) pairs of selected cards that are not hidden."""
    # map() and compress() over C-level callables, not Python per id: at 100,000 due
    # cards a function call per id cost 0.1 s, a comprehension 0.03 s.
    pairs = list(compress(pairs, map(selected.__contains__, map(_SECOND, pairs))))
    if out:  # suspended or buried cards: few, so a plain comprehension
        pairs = [pair for pair in pairs if pair[1] not in out]
    return pairs


def _brought_forward(
    store: Store, now: datetime, rules: DayRules, selected: Collection[str],
    out: Collection[str], curve: tuple[float, float],
) -> list[tuple[float, str]]:  # fmt: skip
    """Cards not due yet whose recall on the interview morning would be under target,
    least likely recalled then first; none outside the final days. Before the last day,
    only those not due until the interview day: the rest come due on their own first."""
    if rules.recall_by is None:
        return []
    decay, factor = curve
    interview_day = local_day_start(rules.recall_by)
    after = now if next_day_start(now) >= interview_day else interview_day
    pairs = recall_below(store, after, rules.recall_by, rules.target, decay=decay, factor=factor)
    return sorted(_shown(pairs, selected, out))


_SECOND = itemgetter(1)
_CARD_ID = attrgetter("id")


def plan_quiz(
    cards: Sequence[Card],
    count: int | None,
    rng: random.Random,
    flags: Mapping[str, CardFlags] | None = None,
    now: datetime | None = None,
) -> QueuePlan:
    """A random sample of the cards that are neither suspended nor buried."""
    flags = flags or {}
    chosen = [c for c in cards if now is None or not hidden(flags.get(c.id), now)]
    rng.shuffle(chosen)
    return QueuePlan([c.id for c in chosen[: count or len(chosen)]], [])


class AnsweredElsewhere(Exception):
    """Another session answered the card after this one did: undoing or re-rating this
    session's answer would erase that answer, so nothing was changed."""

    def __init__(self, card_id: str) -> None:
        super().__init__(f"{card_id} was answered in another session since")
        self.card_id = card_id


@dataclass
class _Answered:
    review: Review
    record_after: CardRecord | None
    flags_before: CardFlags | None


class StudySession:
    """One sitting. Every answer is committed to the store the moment it is given."""

    def __init__(
        self,
        store: Store,
        cards: Mapping[str, Card],
        plan: QueuePlan,
        *,
        scheduler: Scheduler,
        clock: Clock,
        options: SessionOptions,
        records: dict[str, CardRecord] | None = None,
        flags: dict[str, CardFlags] | None = None,
    ) -> None:
        self.store = store
        self.cards = cards
        self.scheduler = scheduler
        self.clock = clock
        self.options = options
        # Records of the cards this session has answered. An answer is computed from
        # the record as stored when it is given (another session may have answered the
        # card since), so a session reads one record per answer and none up front.
        self.records = records if records is not None else {}
        self.flags = flags if flags is not None else load_flags(store)
        self.started = clock()
        self._redo: deque[str] = deque()  # cards put back by undo come first
        self._due = DueQueue(plan.due, plan.ranked)
        self._new = deque(plan.new)
        self._learning: list[tuple[datetime, str]] = list(plan.soon)
        self._history: list[_Answered] = []
        self._current: str | None = None
        self.plan = plan  # as the session began: what the review cap deferred, and more

    # -- what comes next ---------------------------------------------------------------

    def _time_up(self, now: datetime) -> bool:
        minutes = self.options.minutes
        return minutes is not None and now - self.started >= timedelta(minutes=minutes)

    def _limit_reached(self) -> bool:
        return self.options.limit is not None and len(self._history) >= self.options.limit

    def next_card(self) -> Card | None:
        """The card to show now, or None when the session is over."""
        now = self.clock()
        if self._limit_reached() or self._time_up(now):
            self._current = None
            return None
        self._learning.sort()
        if self._redo:
            self._current = self._redo[0]
        elif self._learning and self._learning[0][0] <= now:
            self._current = self._learning[0][1]
        elif self._due:
            self._current = self._due.first()
        elif self._new:
            self._current = self._new[0]
        elif self._learning and self._learning[0][0] <= now + LEARN_AHEAD:
            self._current = self._learning[0][1]
        else:
            self._current = None
        return self.cards[self._current] if self._current else None

    def _take_current(self) -> str:
        card_id = self._current
        if card_id is None:
            raise RuntimeError("no card is on screen; call next_card() first")
        if self._redo and self._redo[0] == card_id:
            self._redo.popleft()
        elif self._due and self._due.first() == card_id:
            self._due.pop()
        elif self._new and self._new[0] == card_id:
            self._new.popleft()
        else:
            self._learning = [(d, c) for d, c in self._learning if c != card_id]
        self._current = None
        return card_id

    # -- answering ----------------------------------------------------------------------

    def _rating(
        self, card_id: str, rating: int, response: str | None, correct: bool | None,
        duration_ms: int, now: datetime,
    ) -> Rate:  # fmt: skip
        """The answer and the state after it, from the state before: called by the
        store inside its write transaction, with the state as stored at that moment."""

        load = self._day_load(card_id) if self.options.load_balance else None

        def rate(before: CardRecord | None) -> tuple[Review, CardRecord | None]:
            after = None
            if self.options.schedule:
                after = apply_rating(
                    self.scheduler, card_id, before, rating, now, duration_ms, load
                )
            review = Review(
                card_id=card_id,
                reviewed_at=now,
                rating=rating,
                duration_ms=duration_ms,
                card_type=self.cards[card_id].type.value,
                mode=self.options.mode,
                answer=response,
                correct=correct,
                scheduled=self.options.schedule,
                state_before=before,
                interval_days=interval_days(after, now) if after else None,
                due_after=after.due if after else None,
            )
            return review, after

        return rate

    def _day_load(self, card_id: str) -> DayLoad:
        """The cards due on each local day a review of `card_id` could be moved to."""

        def load(now: datetime, low: int, high: int) -> list[int]:
            moments = [now + timedelta(days=d) for d in range(low, high + 1)]
            days = [(local_day_start(m), next_day_start(m)) for m in moments]
            return due_counts(self.store, days, exclude=card_id)

        return load

    def _after_answer(self, card_id: str, after: CardRecord | None, now: datetime) -> bool:
        """Update memory, requeue learning steps; True when the card just became a leech."""
        if after is None:
            return False
        self.records[card_id] = after
        self._learning = [(d, c) for d, c in self._learning if c != card_id]
        if after.due <= now + LEARN_AHEAD:
            self._learning.append((after.due, card_id))
        flags = self.flags.get(card_id, CardFlags(card_id))
        if after.lapses >= self.options.leech_lapses and not flags.leech:
            self._set_flags(replace(flags, leech=True))
            return True
        return False

    def answer(
        self,
        rating: int,
        *,
        response: str | None = None,
        correct: bool | None = None,
        duration_ms: int = 0,
    ) -> Outcome:
        """Record the answer to the card on screen (rating 1-4) and commit it."""
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, got {rating}")
        card_id = self._take_current()
        now = self.clock()
        rate = self._rating(card_id, rating, response, correct, duration_ms, now)
        review, after = answer_card(self.store, card_id, rate)
        flags_before = self.flags.get(card_id)
        leech = self._after_answer(card_id, after, now)
        self._history.append(_Answered(review, after, flags_before))
        return Outcome(review, after, review.interval_days, leech)

    def respond(self, response: Response, seconds: float) -> Turn:
        """Grade the response to the card on screen and, if the card is auto-graded, save
        it with the proposed rating; the person then confirms or changes it with `rate`."""
        if self._current is None:
            raise RuntimeError("no card is on screen; call next_card() first")
        card = self.cards[self._current]
        duration_ms = int(seconds * 1000)
        if card.type is CardType.FLASHCARD:
            return Turn(card, None, None, None, duration_ms)
        assert response is not None, "an auto-graded card needs a response"
        # Imported with the first answer, not before the first card: rapidfuzz and the
        # grader take 8 ms to import.
        from interviewprep.study.grading import grade_response, propose_rating

        grade = grade_response(card, response)
        proposed = propose_rating(card, grade, seconds)
        outcome = self.answer(proposed, response=logged_text(card, response),
                              correct=grade.correct, duration_ms=duration_ms)  # fmt: skip
        return Turn(card, grade, proposed, outcome, duration_ms)

    def rate(self, turn: Turn, rating: Rating | None = None) -> Outcome:
        """The person's rating of the turn; None keeps the proposed one. Raises
        AnsweredElsewhere (the proposed rating then stands) as rerate does."""
        if turn.outcome is None:
            if rating is None:
                raise ValueError(f"{turn.card.id} is rated by the person: a rating is needed")
            return self.answer(rating, duration_ms=turn.duration_ms)
        if rating is None or rating == turn.proposed:
            return turn.outcome
        return self.rerate(rating)

    def rerate(self, rating: int) -> Outcome:
        """Change the rating of the answer just given (the person overrode the proposal).

        Raises AnsweredElsewhere, changing nothing, if another session has answered the
        card since: the new rating would erase that answer.
        """
        if not self._history:
            raise RuntimeError("nothing to re-rate")
        last = self._history[-1]
        old = last.review
        rate = self._rating(
            old.card_id, rating, old.answer, old.correct, old.duration_ms, old.reviewed_at
        )
        changed = change_answer(self.store, old, last.record_after, rate)
        if changed is None:
            self._reload(old.card_id)
            raise AnsweredElsewhere(old.card_id)
        self._history.pop()
        self._restore(old.card_id, old.state_before, last.flags_before)
        review, after = changed
        leech = self._after_answer(old.card_id, after, old.reviewed_at)
        self._history.append(_Answered(review, after, last.flags_before))
        return Outcome(review, after, review.interval_days, leech)

    def _restore(self, card_id: str, record: CardRecord | None, flags: CardFlags | None) -> None:
        if self.options.schedule:
            if record is None:
                self.records.pop(card_id, None)
            else:
                self.records[card_id] = record
        self._learning = [(d, c) for d, c in self._learning if c != card_id]
        if self.flags.get(card_id) != flags:
            self._set_flags(flags or CardFlags(card_id))

    def _reload(self, card_id: str) -> None:
        """Take the card's state from the store (another session changed it)."""
        record = load_record(self.store, card_id)
        if record is None:
            self.records.pop(card_id, None)
        else:
            self.records[card_id] = record

    def undo(self) -> Card | None:
        """Take back the last answer; its card comes up again next.

        Raises AnsweredElsewhere, changing nothing, if another session has answered the
        card since: putting back the state before this answer would erase that one.
        """
        if not self._history:
            return None
        last = self._history[-1]
        if not undo_review(self.store, last.review, last.record_after):
            self._reload(last.review.card_id)
            raise AnsweredElsewhere(last.review.card_id)
        self._history.pop()
        self._restore(last.review.card_id, last.review.state_before, last.flags_before)
        self._redo.appendleft(last.review.card_id)
        self._current = None
        return self.cards[last.review.card_id]

    def answers(self) -> list[Review]:
        """The answers given in this session (undone ones excluded), in order."""
        return [h.review for h in self._history]

    def misses(self) -> list[Review]:
        """The answers that count as missed: graded wrong, or rated Again."""
        return [r for r in self.answers() if r.correct is False or r.rating == Rating.AGAIN]

    # -- other actions on the card on screen ---------------------------------------------

    def _set_flags(self, flags: CardFlags) -> None:
        save_flags(self.store, flags)
        self.flags[flags.card_id] = flags

    def skip(self) -> None:
        """Leave the card for another session (it stays due)."""
        self._take_current()

    def bury(self) -> None:
        """Hide the card until tomorrow."""
        card_id = self._take_current()
        flags = self.flags.get(card_id, CardFlags(card_id))
        self._set_flags(replace(flags, buried_until=next_day_start(self.clock())))

    def suspend(self) -> None:
        """Take the card out of every session until it is unsuspended."""
        card_id = self._take_current()
        self._set_flags(replace(self.flags.get(card_id, CardFlags(card_id)), suspended=True))

    def toggle_flag(self, card_id: str | None = None) -> bool:
        """Mark a card (by default the one on screen) for later attention, or unmark it;
        returns the new mark."""
        card_id = card_id or self._current
        if card_id is None:
            raise RuntimeError("no card is on screen")
        flags = self.flags.get(card_id, CardFlags(card_id))
        self._set_flags(replace(flags, flagged=not flags.flagged))
        return not flags.flagged

    # -- reports ------------------------------------------------------------------------

    def is_leech(self, card_id: str) -> bool:
        flags = self.flags.get(card_id)
        return bool(flags and flags.leech)

    def progress(self) -> Progress:
        now = self.clock()
        pending = [c for c in self._redo if c != self._current]
        learning = [c for d, c in self._learning if d <= now + LEARN_AHEAD]
        due = len(self._due) + len(pending)
        left = due + len(self._new) + len(learning)
        answered = len(self._history)
        on_screen = 1 if self._current else 0
        # The card on screen is still in one of the queues, so it is already in `left`.
        return Progress(answered, answered + on_screen, answered + left, due,
                        len(self._new), len(learning))  # fmt: skip

    def summary(self) -> Summary:
        now = self.clock()
        answers = self.answers()
        graded = [r for r in answers if r.correct is not None]
        days = [date.fromisoformat(d) for d in active_days(self.store)]
        current, _ = streaks(days, now.astimezone().date())
        return Summary(
            answered=len(answers),
            graded=len(graded),
            correct=sum(1 for r in graded if r.correct),
            seconds=(now - self.started).total_seconds(),
            next_due=next_due(self.store, self.cards.keys()),
            streak_days=current,
        )


def new_allowance(store: Store, now: datetime, new_per_day: int) -> int:
    """New cards still allowed today, after those already introduced since midnight."""
    return max(0, new_per_day - count_introduced_since(store, local_day_start(now)))


def reviews_left(store: Store, now: datetime, max_reviews_per_day: int) -> int:
    """Reviews still allowed today, after the cards already reviewed since midnight."""
    return max(0, max_reviews_per_day - count_reviewed_since(store, local_day_start(now)))


def open_study(
    store: Store,
    cards: Sequence[Card] | CardPool,
    *,
    scheduler: Scheduler,
    clock: Clock,
    new_per_day: int | None = None,
    rules: DayRules | None = None,
    limit: int | None = None,
    minutes: float | None = None,
    leech_lapses: int = LEECH_LAPSES,
    load_balance: bool = False,
) -> StudySession:
    """Today's study session over `cards`: what is due, then today's new cards. `rules`
    (the daily plan's) or else `new_per_day` bound it."""
    now = clock()
    # The queue is ordered by SQLite and holds ids only: no record is read or parsed,
    # and no card made but the ones shown, whatever the number of cards (issue 17).
    flags = load_flags(store)
    if rules is None:
        rules = DayRules(new_allowance(store, now, new_per_day or 0))
    pool = cards if isinstance(cards, CardPool) else card_pool(cards)
    plan = plan_by_id(store, pool.order, pool.cards.keys(), flags, scheduler, now, rules)
    options = SessionOptions(limit=limit, minutes=minutes, leech_lapses=leech_lapses,
                             load_balance=load_balance)  # fmt: skip
    return StudySession(
        store, pool.cards, plan, scheduler=scheduler, clock=clock, options=options, flags=flags
    )


def open_quiz(
    store: Store,
    cards: Sequence[Card],
    *,
    scheduler: Scheduler,
    clock: Clock,
    count: int | None,
    schedule: bool,
    rng: random.Random,
    leech_lapses: int = LEECH_LAPSES,
    load_balance: bool = False,
) -> StudySession:
    """Practice outside the schedule: a random sample, answers logged as quiz attempts."""
    flags = load_flags(store)
    plan = plan_quiz(cards, count, rng, flags, clock())
    by_id = {c.id: c for c in cards}
    options = SessionOptions(mode="quiz", schedule=schedule, leech_lapses=leech_lapses,
                             load_balance=load_balance)  # fmt: skip
    return StudySession(
        store, by_id, plan, scheduler=scheduler, clock=clock, options=options, flags=flags
    )
