"""A simulated person works toward an interview for 60 days with a fixed clock: every day
but a few, an interview date at day 45. The plan must introduce every card a week before
the date, walk them in at or above the target recall, keep each day's reviews under the
cap, and never move a review outside its fuzz range."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card as FsrsCard
from fsrs import State

from interviewprep.app import App
from interviewprep.app.today import DayPlan
from interviewprep.store.reviews import load_records, record_from_json
from interviewprep.study.pacing import interview_morning
from interviewprep.study.rating import Rating
from interviewprep.study.scheduling import apply_rating, fuzz_range, make_scheduler

START = datetime(2027, 1, 4, 19, 0, tzinfo=timezone.utc)  # each day's session, 19:00
INTERVIEW_DAY = 45
SKIPPED = {10, 11, 12, 20, 27, 33}  # three days away early on, then a day here and there
CARDS = 160
MAX_REVIEWS = 20
DECK = "sim"


def _bank(folder: Path) -> Path:
    sections = [
        "What is Generative AI?",
        "Key Characteristics of LLMs",
        "Beyond the guide: attention",
        "Beyond the guide: scaling",
    ]
    lines = ["format: 1", "title: Simulated deck", "cards:"]
    for i in range(CARDS):
        lines += [f"  - id: sim-{i:03d}", "    type: flashcard", f"    prompt: Question {i}?",
                  f"    answer: Answer {i}.", "    explanation: Because.", "    tags: [sim]",
                  "    difficulty: easy", f'    source: "{sections[i % 4]}"']  # fmt: skip
    folder.mkdir(parents=True)
    (folder / f"{DECK}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Run:
    plans: dict[int, DayPlan] = field(default_factory=dict)
    home: Path = Path()
    bank: Path = Path()
    interview: date = date.min
    # (day, rating, failed checks, hints) of each finished round of the kata
    kata_rounds: list[tuple[int, Rating, int, int]] = field(default_factory=list)


KATA = "softmax"
UNNORMALISED = "import numpy as np\n\n\ndef softmax(x, axis=-1):\n    return np.exp(x)\n"
# How the person goes at the kata each time it comes back: minutes to a pass, whether a
# hint is taken first, or whether they give up.
KATA_SCRIPT = [(6, False, False), (12, True, False), (0, False, True), (20, False, False)]


def _kata_round(app: App, clock: Clock, run: Run, day: int, first: bool) -> None:
    """The first time: a failed check, then a pass 30 minutes in. Then from KATA_SCRIPT."""
    from tests.kata_helpers import own_solution

    katas = app.katas
    if first:
        target = katas.start(KATA).file
        blank = katas.check(target, 10)  # the untouched starter: not an attempt
        assert blank.report.not_written and blank.round is None
        clock.now += timedelta(minutes=5)
        target.path.write_text(UNNORMALISED, encoding="utf-8")
        assert not katas.check(target, 10).passed
        minutes, hint, give_up = 25, False, False
    else:
        started = katas.next()
        assert started.due is not None and started.file is not None
        assert (started.history is not None) == (len(run.kata_rounds) > 0)
        target = started.file
        minutes, hint, give_up = KATA_SCRIPT[(len(run.kata_rounds) - 1) % len(KATA_SCRIPT)]
    if give_up:
        result = katas.give_up(KATA)
    else:
        if hint:
            katas.hint(KATA)
        clock.now += timedelta(minutes=minutes)
        target.path.write_text(own_solution(KATA), encoding="utf-8")
        checked = katas.check(target, 10)
        assert checked.passed and checked.round is not None
        result = checked.round
    run.kata_rounds.append((day, result.rating, result.failed_checks, result.hints))


def _recalled(rng: random.Random, app: App, card_id: str, now: datetime) -> bool:
    """The person recalls a card with the chance FSRS predicts (a new card: 0.8)."""
    from interviewprep.store.reviews import load_record
    from interviewprep.study.scheduling import retrievability, scheduler_for

    with app.store() as store:
        record = load_record(store, card_id)
    if record is None or record.stability is None:
        return rng.random() < 0.8
    return rng.random() < retrievability(scheduler_for(app.config), record, now)


def _study_day(app: App, clock: Clock, rng: random.Random) -> None:
    with app.study(decks=[DECK]) as session:
        while (card := session.next_card()) is not None:
            ok = _recalled(rng, app, card.id, clock.now)
            rating = (rng.choice([Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.HARD])
                      if ok else Rating.AGAIN)  # fmt: skip
            session.answer(rating, duration_ms=rng.randint(3000, 12000))
            clock.now += timedelta(seconds=20)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("sim")
    home, bank = root / "home", _bank(root / "bank")
    clock = Clock()
    interview = (START + timedelta(days=INTERVIEW_DAY)).date()
    setup = App(home, clock, extra_banks=[bank])
    setup.set_setting("interview_date", interview.isoformat())
    setup.set_setting("new_per_day", "2")
    setup.set_setting("max_reviews_per_day", str(MAX_REVIEWS))
    setup.set_setting("kata_workspace", str(root / "katas"))  # never the real home's
    rng = random.Random(7)
    result = Run(home=home, bank=bank, interview=interview)
    for day in range(60):
        clock.now = START + timedelta(days=day)
        if day in SKIPPED:
            continue
        app = App(home, clock, extra_banks=[bank])
        result.plans[day] = plan = app.today(decks=[DECK])
        _study_day(app, clock, rng)
        if day == 1 or any(k.kata == KATA for k in plan.katas_due):
            _kata_round(app, clock, result, day, first=day == 1)
    return result


def _app(run: Run, now: datetime) -> App:
    return App(run.home, lambda: now, extra_banks=[run.bank])


def test_every_card_is_introduced_a_week_before_the_date(run: Run) -> None:
    with _app(run, START).store() as store:
        records = load_records(store)
    assert len(records) == CARDS
    latest = max(r.first_reviewed.astimezone().date() for r in records.values())
    assert latest <= run.interview - timedelta(days=7)


def test_recall_on_the_morning_of_the_date_is_at_or_above_target(run: Run) -> None:
    """As the store stood after the last session before the date (day 44)."""
    from interviewprep.store import open_store

    morning = interview_morning(run.interview)
    scheduler = make_scheduler(0.9)
    with open_store(run.home / "progress.sqlite3") as store:
        rows = store.conn.execute(
            "SELECT card_id, state_before, reviewed_at FROM review_log WHERE reviewed_at >= ? "
            "ORDER BY id", (morning.isoformat(),)
        ).fetchall()  # fmt: skip
        records = load_records(store)
    # Roll each card back to its state before its first answer on or after the morning.
    for card_id, before, _ in rows:
        if card_id in records and records[card_id].last_review >= morning:
            state = record_from_json(before)
            assert state is not None
            records[card_id] = state
    low = {}
    for card_id, record in records.items():
        card = FsrsCard(card_id=1, state=State(record.fsrs_state), stability=record.stability,
                        difficulty=record.difficulty, due=record.due,
                        last_review=record.last_review)  # fmt: skip
        recall = scheduler.get_card_retrievability(card, morning)
        if recall < 0.9:
            low[card_id] = recall
    assert low == {}


def test_no_day_reviews_more_than_the_cap(run: Run) -> None:
    from interviewprep.store import open_store

    with open_store(run.home / "progress.sqlite3") as store:
        rows = store.conn.execute(
            "SELECT r.card_id, r.reviewed_at, c.first_reviewed FROM review_log r "
            "JOIN card_state c ON c.card_id = r.card_id WHERE r.prior_state IS NOT NULL"
        ).fetchall()
    per_day: dict[date, set[str]] = defaultdict(set)
    for card_id, reviewed_at, first in rows:
        day = datetime.fromisoformat(reviewed_at).astimezone().date()
        if datetime.fromisoformat(first).astimezone().date() < day:
            per_day[day].add(card_id)
    assert max(len(ids) for ids in per_day.values()) <= MAX_REVIEWS
    # The cap did bind: after the days away, reviews were deferred and said so.
    assert any(plan.deferred for plan in run.plans.values())


def test_load_balancing_keeps_every_review_in_its_fuzz_range(run: Run) -> None:
    from interviewprep.store import open_store

    scheduler = make_scheduler(0.9, fuzz=False)
    with open_store(run.home / "progress.sqlite3") as store:
        rows = store.conn.execute(
            "SELECT card_id, rating, reviewed_at, duration_ms, state_before, due_after "
            "FROM review_log WHERE scheduled = 1"
        ).fetchall()
    balanced = 0
    for card_id, rating, at, ms, before, due_after in rows:
        moment = datetime.fromisoformat(at)
        base = apply_rating(scheduler, card_id, record_from_json(before), rating, moment, ms)
        days = (datetime.fromisoformat(due_after) - moment) / timedelta(days=1)
        span = fuzz_range((base.due - moment).days, scheduler.maximum_interval)
        if base.fsrs_state != State.Review or span is None:
            assert datetime.fromisoformat(due_after) == base.due
        else:
            assert span[0] <= days <= span[1]
            balanced += days != (base.due - moment).days
    assert balanced > 0  # the balancer did move some


def test_the_plan_paces_new_cards_and_brings_cards_forward_at_the_end(run: Run) -> None:
    assert run.plans[0].new_cards > 2  # the date, not new_per_day = 2, sets the pace
    assert all((p.interview is not None and p.interview.on_track) or p.deferred
               for d, p in run.plans.items() if d < INTERVIEW_DAY)  # fmt: skip
    final = [run.plans[d] for d in (42, 43, 44)]
    assert sum(p.brought_forward for p in final) > 0
    assert all(p.brought_forward == 0 for d, p in run.plans.items() if d < 42)
    after = run.plans[50].interview
    assert after is not None and after.passed


def test_a_passed_kata_comes_due_again_and_each_round_is_rated_by_the_rules(run: Run) -> None:
    rounds = run.kata_rounds
    assert len(rounds) >= 4, rounds  # the first pass, then it came back three times or more
    first, *again = rounds
    assert first[1:] == (Rating.HARD, 1, 0)  # passed after a failed check
    expected = {0: Rating.EASY, 1: Rating.HARD, 2: Rating.AGAIN, 3: Rating.GOOD}
    for i, (_, rating, failed, hints) in enumerate(again):
        assert rating == expected[i % 4], (i, rounds)
        assert failed == 0 and hints == (1 if i % 4 == 1 else 0)
    days = [day for day, *_ in rounds]
    assert days == sorted(days) and len(set(days)) == len(days)  # one round a day at most
