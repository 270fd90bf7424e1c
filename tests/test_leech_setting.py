"""leech_lapses: the number of lapses that makes a card a leech is a setting."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interviewprep.app import App
from interviewprep.config import load_config
from interviewprep.errors import ConfigError
from interviewprep.store.reviews import load_flags
from tests.banks import bank_text
from tests.cli import run_cli

START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def test_three_lapses_make_a_leech_when_the_setting_says_so(write_bank, isolated_home) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("config", "set", "leech_lapses", "3").returncode == 0
    assert load_config().leech_lapses == 3
    bank = write_bank(bank_text())
    now = [START]
    app = App(isolated_home, clock=lambda: now[0], extra_banks=[bank.parent])

    def answer(rating: int) -> bool:
        with app.study(["deck"], new=1) as session:
            while (card := session.next_card()) is not None and card.id != "t-flash":
                session.skip()
            assert card is not None
            return session.answer(rating, duration_ms=1000).became_leech

    answer(4)  # Easy: straight to review
    leeches = []
    for _ in range(3):
        now[0] += timedelta(days=400)
        leeches.append(answer(1))  # a lapse
        now[0] += timedelta(minutes=15)
        answer(4)
    assert leeches == [False, False, True]
    with app.store() as store:
        assert load_flags(store)["t-flash"].leech


def test_the_setting_is_checked() -> None:
    for bad in ("0", "1001", "2.5", "true"):
        result = run_cli("config", "set", "leech_lapses", bad)
        assert result.returncode == 2 and "leech" in result.stderr, bad
    with pytest.raises(ConfigError):
        from interviewprep.config import Config, with_setting

        with_setting(Config(), "leech_lapses", "-1")
