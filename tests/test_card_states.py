"""Card states and flag changes, through the application layer with a fixed clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from interviewprep.app import App
from interviewprep.errors import UserError
from interviewprep.study.card_states import CardState, FlagChange
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study
from tests.banks import bank_text
from tests.cli import run_cli

NOW = datetime(2026, 2, 20, 17, 0, tzinfo=timezone.utc)


@pytest.fixture
def app(write_bank, isolated_home: Path) -> App:  # type: ignore[no-untyped-def]
    bank = write_bank(bank_text())
    app = App(isolated_home, clock=lambda: NOW, extra_banks=[bank.parent])
    # Answer two of the test deck's cards: t-flash Good (review later), t-mcq Again.
    with app.store() as store:
        cards = app.list_cards(decks=["deck"])
        session = open_study(store, cards, scheduler=make_scheduler(fuzz=False),
                             clock=lambda: NOW, new_per_day=2)  # fmt: skip
        first = session.next_card()
        assert first is not None and first.id == "t-flash"
        session.answer(3)
        second = session.next_card()
        assert second is not None and second.id == "t-mcq"
        session.answer(1)
    return app


def ids(app: App, state: CardState) -> list[str]:
    return [c.id for c in app.list_cards(decks=["deck"], state=state)]


def test_states_follow_answers_and_flags(app: App) -> None:
    assert "t-flash" not in ids(app, CardState.NEW)
    assert {"t-multi", "t-cloze"} <= set(ids(app, CardState.NEW))
    assert set(ids(app, CardState.LEARNING)) == {"t-flash", "t-mcq"}
    assert ids(app, CardState.DUE) == []  # both have a learning step ahead of them
    later = App(app.home, clock=lambda: NOW + timedelta(hours=2), extra_banks=app.extra_banks)
    assert set(ids(later, CardState.DUE)) == {"t-flash", "t-mcq"}


def test_suspend_bury_and_flag_and_their_undoing(app: App) -> None:
    changed = app.change_cards(["t-mcq", "t-flash", "t-mcq"], FlagChange.SUSPEND)
    assert [(c.card_id, c.changed) for c in changed] == [("t-mcq", True), ("t-flash", True)]
    assert app.change_cards(["t-mcq"], FlagChange.SUSPEND)[0].changed is False
    assert set(ids(app, CardState.SUSPENDED)) == {"t-mcq", "t-flash"}
    app.change_cards(["t-flash"], FlagChange.UNSUSPEND)
    assert ids(app, CardState.SUSPENDED) == ["t-mcq"]

    app.change_cards(["t-cloze"], FlagChange.BURY)
    assert ids(app, CardState.BURIED) == ["t-cloze"]
    tomorrow = App(app.home, clock=lambda: NOW + timedelta(days=1), extra_banks=app.extra_banks)
    assert ids(tomorrow, CardState.BURIED) == []  # unburied by the next local midnight
    app.change_cards(["t-cloze"], FlagChange.BURY)
    app.change_cards(["t-cloze"], FlagChange.UNBURY)
    assert ids(app, CardState.BURIED) == []

    app.change_cards(["t-open"], FlagChange.FLAG)
    assert ids(app, CardState.FLAGGED) == ["t-open"]
    app.change_cards(["t-open"], FlagChange.UNFLAG)
    assert ids(app, CardState.FLAGGED) == []


def test_a_suspended_card_leaves_the_study_queue(app: App) -> None:
    app.change_cards(["t-multi"], FlagChange.SUSPEND)
    with app.store() as store:
        session = open_study(store, app.list_cards(decks=["deck"]),
                             scheduler=make_scheduler(fuzz=False), clock=lambda: NOW,
                             new_per_day=20)  # fmt: skip
        shown = []
        while (card := session.next_card()) is not None:
            shown.append(card.id)
            session.skip()
    assert "t-multi" not in shown and "t-cloze" in shown


def test_an_unknown_id_changes_nothing(app: App) -> None:
    with pytest.raises(UserError, match="no card with id 't-nope'"):
        app.change_cards(["t-multi", "t-nope"], FlagChange.SUSPEND)
    assert ids(app, CardState.SUSPENDED) == []


def test_the_commands(write_bank) -> None:  # type: ignore[no-untyped-def]
    bank = str(write_bank(bank_text()).parent)
    result = run_cli("card", "flag", "t-short", "t-open", "--bank", bank)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["t-short: flagged", "t-open: flagged"]
    listed = run_cli("cards", "--state", "flagged", "--json", "--bank", bank)
    assert [c["id"] for c in json.loads(listed.stdout)] == ["t-short", "t-open"]
    wrong = run_cli("card", "suspend", "t-nope", "--bank", bank)
    assert wrong.returncode == 2 and "no card with id 't-nope'" in wrong.stderr


def test_a_quiz_leaves_out_suspended_and_buried_cards(app: App) -> None:
    import random

    from interviewprep.study.session import open_quiz

    app.change_cards(["t-multi"], FlagChange.SUSPEND)
    app.change_cards(["t-cloze"], FlagChange.BURY)
    with app.store() as store:
        quiz = open_quiz(store, app.list_cards(decks=["deck"]),
                         scheduler=make_scheduler(fuzz=False), clock=lambda: NOW,
                         count=None, schedule=False, rng=random.Random(0))  # fmt: skip
        shown = []
        while (card := quiz.next_card()) is not None:
            shown.append(card.id)
            quiz.skip()
    assert "t-multi" not in shown and "t-cloze" not in shown
    assert {"t-flash", "t-mcq", "t-open"} <= set(shown)
