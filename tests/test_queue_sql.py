"""The queue SQLite builds (plan_by_id, open_study) is the Python rule's (plan_study):
due cards by lowest fsrs retrievability, ties by id; then new cards in the order given."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from fsrs import Scheduler, State

from benchmarks.generate import generated_bank_text
from interviewprep.bank import Card
from interviewprep.bank.library import load_files
from interviewprep.store import open_store
from interviewprep.store.db import Store
from interviewprep.store.reviews import (
    CardFlags,
    CardRecord,
    _save_record,
    due_ids,
    due_ranked_lowest,
    load_flags,
    load_records,
    save_flags,
)
from interviewprep.study import session as session_module
from interviewprep.study.scheduling import make_scheduler, retrievability
from interviewprep.study.session import (
    LEARN_AHEAD,
    DayRules,
    QueuePlan,
    decay_and_factor,
    open_study,
    plan_by_id,
    plan_study,
)

NOW = datetime(2026, 3, 2, 12, 0, 0, 250_000, tzinfo=timezone.utc)
CARDS = 3000


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> list[Card]:
    path = tmp_path_factory.mktemp("bank") / "gen.yaml"
    path.write_text(generated_bank_text(CARDS), encoding="utf-8")
    return list(load_files([path]).cards.values())


def plan_sql(
    store: Store, cards: list[Card], flags: dict[str, CardFlags], scheduler: Scheduler,
    now: datetime, rules: DayRules | int,
) -> QueuePlan:  # fmt: skip
    """The SQL plan over `cards`, as open_study makes it: their ids in order, as a set."""
    ids = [c.id for c in cards]
    return plan_by_id(store, ids, set(ids), flags, scheduler, now, rules)


def _moment(rng: random.Random) -> datetime:
    """A last review or due time, often on the edges: whole days before NOW (elapsed
    days exactly k), a microsecond either side, no microseconds at all, in the future."""
    days = rng.choice([0, 1, 2, 3, 7, 30, rng.uniform(0, 400)])
    edge = rng.choice([timedelta(0), timedelta(microseconds=1), timedelta(microseconds=-1),
                       timedelta(seconds=rng.uniform(-80_000, 80_000))])  # fmt: skip
    moment = NOW - timedelta(days=days) + edge
    if rng.random() < 0.2:
        moment = moment.replace(microsecond=0)
    return moment


def _random_record(rng: random.Random, card_id: str) -> CardRecord:
    learning = rng.random() < 0.15
    last = None if learning and rng.random() < 0.5 else _moment(rng)
    stability = None if learning and rng.random() < 0.5 else rng.choice(
        [1.0, 2.0, 3.0, 6.0, 0.5, round(rng.uniform(0.1, 50), 1), rng.uniform(0.01, 300)]
    )  # fmt: skip
    due = NOW - timedelta(days=rng.uniform(0, 30))
    if rng.random() < 0.3:  # on the edges of now and of the learn-ahead window
        due = rng.choice([NOW, NOW + timedelta(microseconds=1), NOW + LEARN_AHEAD * rng.random(),
                          NOW + LEARN_AHEAD, NOW + timedelta(days=3)])  # fmt: skip
    return CardRecord(
        card_id, int(State.Learning if learning else State.Review), 0 if learning else None,
        stability, 5.0, due, last, 3, 0, NOW - timedelta(days=500),
    )  # fmt: skip


def _fill(store: Store, cards: list[Card], rng: random.Random) -> None:
    """Most cards studied (some twice over the same state, for ties), some orphans
    the bank no longer has, some suspended or buried (or buried until the past)."""
    ids = [c.id for c in cards] + [f"orphan-{i}" for i in range(200)]
    template: CardRecord | None = None
    with store.tx() as conn:
        for card_id in ids:
            if rng.random() < 0.1:
                continue  # new
            if template is not None and rng.random() < 0.2:
                record = CardRecord(card_id, *list(vars(template).values())[1:])
            else:
                record = template = _random_record(rng, card_id)
            _save_record(conn, record)
    for card_id in rng.sample(ids, 300):
        save_flags(store, CardFlags(
            card_id, suspended=rng.random() < 0.4,
            buried_until=rng.choice([None, NOW + timedelta(hours=5), NOW + timedelta(days=2),
                                 NOW - timedelta(hours=1)]),
            flagged=rng.random() < 0.5,
        ))  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("parameters", [None, "changed decay"])
def test_the_sql_plan_is_the_python_rule(cards: list[Card], seed: int, parameters) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    weights = None
    if parameters:
        from fsrs.scheduler import DEFAULT_PARAMETERS

        weights = list(DEFAULT_PARAMETERS)
        weights[20] = 0.35
    scheduler = make_scheduler(parameters=weights, fuzz=False)
    selection = rng.sample(cards, len(cards) * 2 // 3)  # a deck filter, in its own order
    with open_store() as store:
        _fill(store, cards, rng)
        flags = load_flags(store)
        records = load_records(store, due_by=NOW + LEARN_AHEAD)
        studied = set(load_records(store))
        for allowance in (0, 20, 10_000):
            python = plan_study(selection, records, flags, scheduler, NOW, allowance, studied)
            sql = plan_sql(store, selection, flags, scheduler, NOW, allowance)
            assert sql.due_order() == python.due_order()
            assert sql.new == python.new and sql.soon == python.soon
    assert len(python.due) > 1000 and python.new and python.soon
    # The ranks SQLite computed are fsrs's retrievability, to the last bit.
    assert all(rank == retrievability(scheduler, records[card_id], NOW)
               for rank, card_id in sql.ranked)  # fmt: skip
    ranks = [rank for rank, _ in sql.ranked]
    assert len(set(ranks)) < len(ranks)  # ties were there to break


def test_decay_and_factor_are_the_schedulers() -> None:
    scheduler = make_scheduler(fuzz=False)
    assert decay_and_factor(scheduler) == (scheduler._DECAY, scheduler._FACTOR)


def test_a_session_shows_due_cards_in_the_python_order(cards: list[Card]) -> None:
    rng = random.Random(7)
    scheduler = make_scheduler(fuzz=False)
    with open_store() as store:
        _fill(store, cards, rng)
        python = plan_study(cards, load_records(store, due_by=NOW + LEARN_AHEAD),
                            load_flags(store), scheduler, NOW, 0,
                            set(load_records(store)))  # fmt: skip
        session = open_study(store, cards, scheduler=scheduler, clock=lambda: NOW,
                             new_per_day=0)  # fmt: skip
        shown = []
        while (card := session.next_card()) is not None and len(shown) < len(python.due):
            shown.append(card.id)
            session.skip()
    assert shown == python.due


def test_a_card_with_no_usable_stability_is_ranked_first_not_an_error(cards: list[Card]) -> None:
    # An edited store may hold a stability of 0 (SQLite divides by it as NULL) or below.
    scheduler = make_scheduler(fuzz=False)
    with open_store() as store:
        with store.tx() as conn:
            for i, stability in enumerate([0.0, -1.0, 5.0]):
                _save_record(conn, CardRecord(
                    cards[i].id, int(State.Review), None, stability, 5.0,
                    NOW - timedelta(days=1), NOW - timedelta(days=3), 2, 0, NOW,
                ))  # fmt: skip
        plan = plan_sql(store, cards[:3], {}, scheduler, NOW, 0)
        assert plan.due_order() == [cards[0].id, cards[1].id, cards[2].id]
        session = open_study(store, cards[:3], scheduler=scheduler, clock=lambda: NOW,
                             new_per_day=0)  # fmt: skip
        assert session.next_card() == cards[0]


def test_next_due_skips_suspended_cards_and_cards_outside_the_selection() -> None:
    from interviewprep.store.reviews import next_due

    with open_store() as store:
        with store.tx() as conn:
            for i, card_id in enumerate(["orphan", "suspended", "b", "a"]):
                due = NOW + timedelta(hours=i + 1)
                _save_record(conn, CardRecord(card_id, int(State.Review), None, 3.0, 5.0,
                                              due, NOW, 1, 0, NOW))  # fmt: skip
        save_flags(store, CardFlags("suspended", suspended=True))
        save_flags(store, CardFlags("b", buried_until=NOW + timedelta(days=1)))
        selection = {"suspended", "a", "b"}
        assert next_due(store, selection) == NOW + timedelta(hours=3)  # b: buried counts
        assert next_due(store, {"a"}) == NOW + timedelta(hours=4)
        assert next_due(store, {"suspended"}) is None


@pytest.mark.parametrize("seed", [0, 1])
def test_a_review_cap_keeps_the_lowest_ranks_of_the_python_rule(
    cards: list[Card], seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a cap, the lowest ranks come from SQLite (LIMIT) when the cards not shown
    are few, else from every rank: either way the Python rule's first `cap` due cards,
    and the rest deferred."""
    limits: list[int] = []

    def lowest(store: Store, now: datetime, count: int, **kwargs: Any) -> list[tuple[float, str]]:
        limits.append(count)
        return due_ranked_lowest(store, now, count, **kwargs)

    monkeypatch.setattr(session_module, "due_ranked_lowest", lowest)
    plans = 0
    rng = random.Random(seed)
    scheduler = make_scheduler(fuzz=False)
    with open_store() as store:
        _fill(store, cards, rng)
        flags = load_flags(store)
        records = load_records(store, due_by=NOW + LEARN_AHEAD)
        studied = set(load_records(store))
        for selection in (cards, rng.sample(cards, len(cards) // 3), cards[:-40]):
            python = plan_study(selection, records, flags, scheduler, NOW, 0, studied).due_order()
            for cap in (0, 1, 37, 200, len(python) - 1, len(python), 10**6):
                rules = DayRules(0, review_cap=cap)
                sql = plan_sql(store, selection, flags, scheduler, NOW, rules)
                plans += 1
                assert sql.due_order() == python[:cap]
                assert sql.deferred == max(0, len(python) - cap)
    assert 0 < len(limits) < plans  # the LIMIT query was used, and not always


def test_due_ids_are_every_due_id_even_with_a_line_break_in_one() -> None:
    rng = random.Random(5)
    ids = ["a", "two\nlines", "b\n", "\n", "c"]
    with open_store() as store:
        for card_id in ids:
            record = _random_record(rng, card_id)
            _save_record(store.conn, replace(record, due=NOW - timedelta(hours=1)))
        assert sorted(due_ids(store, NOW)) == sorted(ids)
        _save_record(store.conn, replace(_random_record(rng, "d"), due=NOW + timedelta(days=9)))
        store.conn.execute("DELETE FROM card_state WHERE card_id LIKE '%' || char(10) || '%'")
        assert sorted(due_ids(store, NOW)) == ["a", "c"]
        store.conn.execute("DELETE FROM card_state")
        assert due_ids(store, NOW) == []
