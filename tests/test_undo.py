"""`interviewprep undo`: the newest answer taken back after its session has ended, the
card put back in the state the log kept with it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interviewprep.app import App
from interviewprep.errors import StoreError, UserError
from interviewprep.store.reviews import load_record, reviews_for
from tests.banks import bank_text
from tests.cli import run_cli

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def app(write_bank, isolated_home):  # type: ignore[no-untyped-def]
    bank = write_bank(bank_text())
    return App(isolated_home, clock=lambda: NOW, extra_banks=[bank.parent])


def answer(app: App, card_id: str, rating: int, at: datetime) -> None:
    app.clock = lambda: at
    with app.study(["deck"]) as session:
        while (card := session.next_card()) is not None and card.id != card_id:
            session.skip()
        assert card is not None
        session.answer(rating, duration_ms=1000)


def test_undo_walks_back_through_the_log(app: App) -> None:
    answer(app, "t-flash", 3, NOW)
    with app.store() as store:
        after_first = load_record(store, "t-flash")
    answer(app, "t-flash", 4, NOW + timedelta(minutes=15))  # its second answer
    answer(app, "t-mcq", 1, NOW + timedelta(minutes=16))

    assert app.undo().card_id == "t-mcq"
    with app.store() as store:
        assert load_record(store, "t-mcq") is None  # new again: it had no state before
    second = app.undo()
    assert (second.card_id, second.rating) == ("t-flash", 4)
    with app.store() as store:
        assert load_record(store, "t-flash") == after_first
        assert [r.rating for r in reviews_for(store)] == [3]
    app.undo()
    with pytest.raises(UserError, match="no answer to undo"):
        app.undo()


def test_a_card_state_replaced_since_is_not_undone(app: App) -> None:
    answer(app, "t-flash", 3, NOW)
    with app.store() as store, store.tx() as conn:  # as an import would leave it
        conn.execute("UPDATE card_state SET last_review = ? WHERE card_id = 't-flash'",
                     ((NOW - timedelta(days=3)).isoformat(),))  # fmt: skip
    with pytest.raises(StoreError, match="nothing undone"):
        app.undo()
    with app.store() as store:
        assert len(reviews_for(store)) == 1


def test_the_command(app: App) -> None:
    answer(app, "t-mcq", 2, NOW)
    result = run_cli("undo")
    assert result.returncode == 0, result.stderr
    assert "Undid the answer to t-mcq" in result.stdout and "rated Hard" in result.stdout
    again = run_cli("undo")
    assert again.returncode == 2 and "no answer to undo" in again.stderr
