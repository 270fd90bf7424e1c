"""A study session over a library read from the bank cache makes only the cards it
shows (issue 17), and plans what a session over every card object plans."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from benchmarks.generate import fill_store, generated_bank_text
from interviewprep.app import App
from interviewprep.bank import cache, library
from interviewprep.paths import STORE_FILENAME
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study
from tests.test_bank_cache_cards import varied_sources

NOW = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def home_with_bank(home: Path, n: int) -> Path:
    bank = home / "bank"
    bank.mkdir(parents=True)
    (bank / "gen.yaml").write_text(varied_sources(generated_bank_text(n)), encoding="utf-8")
    assert App(home, clock=lambda: NOW, extra_banks=[bank]).library.cards  # fills the cache
    return bank


def test_a_session_makes_only_the_chunks_of_the_cards_it_shows(isolated_home: Path) -> None:
    bank = home_with_bank(isolated_home, 1000)
    app = App(isolated_home, clock=lambda: NOW, extra_banks=[bank])
    with app.study(["gen"], new=5) as session:
        card = session.next_card()
        assert card is not None
        [deck] = [d for d in app.library.decks if d.id == "gen"]
        assert isinstance(deck, cache.CachedDeck)
        made = [chunk is not None for chunk in deck._made]
        assert sum(made) == 1 and "cards" not in vars(deck)
        assert session.progress().total == 5


def test_the_plan_over_ids_is_the_plan_over_cards(isolated_home: Path) -> None:
    bank = home_with_bank(isolated_home, 700)
    # Every other card studied, due or not (a third due at NOW), with reviews logged.
    studied = [f"gen-{i:06d}" for i in range(0, 700, 2)] + ["gone-from-the-banks"]
    fill_store(isolated_home / STORE_FILENAME, studied, 2000, seed=3)
    app = App(isolated_home, clock=lambda: NOW, extra_banks=[bank])
    for decks, tags in (((), ()), (("gen",), ("t3", "t4"))):
        cards = library.in_guide_order(app.select_cards(decks, tags), library.guide_section_order())
        with app.store(writes=True) as store:
            by_cards = open_study(store, cards, scheduler=make_scheduler(fuzz=False),
                                  clock=lambda: NOW, new_per_day=40)  # fmt: skip
        with app.study(decks, tags, new=40) as by_ids:
            assert by_ids.plan == by_cards.plan
            assert dict(by_ids.cards) == dict(by_cards.cards)
            assert by_ids.plan.ranked and len(by_ids.plan.new) == 40
