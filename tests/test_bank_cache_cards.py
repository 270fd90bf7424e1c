"""Decks in the bank cache are stored as a column per field of their cards and rebuilt
all at once (issue 17): the cards come back equal, and a column of the wrong length, or
a card or deck pickled any other way, even signed, is a miss, not a card."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generated_bank_text
from interviewprep.bank import cache, library, model
from interviewprep.bank.library import load_files
from tests.banks import HEADER, bank_text
from tests.test_bank_cache import parses  # noqa: F401  (a fixture)


def test_cached_cards_come_back_equal_field_by_field(write_bank) -> None:  # type: ignore[no-untyped-def]
    path = write_bank(bank_text())
    parsed = load_files([path], use_cache=True).cards
    cached = load_files([path], use_cache=True).cards
    assert cached == parsed
    for card_id, card in cached.items():
        assert type(card) is model.Card
        for f in dataclasses.fields(card):
            assert getattr(card, f.name) == getattr(parsed[card_id], f.name)


def resign(pickler: type[pickle.Pickler]) -> None:
    """The cache file written again by another pickler, with a valid signature."""
    key = cache.key_file().read_bytes()
    code = cache.code_identity(library.guide_sections())
    entries = {}
    for name, (digest, blob) in cache._read_entries(key, code).items():
        buffer = io.BytesIO()
        pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(cache.entry_result(blob))
        entries[name] = (digest, buffer.getvalue())
    payload = pickle.dumps({"code": code, "entries": entries})
    cache.cache_file().write_bytes(cache.MAGIC + cache._sign(key, payload) + payload)


def written(deck: model.Deck) -> tuple[Any, ...]:
    """The arguments the cache's own pickler writes a deck with: its index columns and
    the chunks of its cards' other fields."""
    reduced = cache._CardPickler(io.BytesIO()).reducer_override(model.Deck(
        deck.id, deck.title, deck.description, deck.path, tuple(deck.cards)))  # fmt: skip
    assert reduced[0] is cache._cached_deck
    return tuple(reduced[1])


class ShortColumn(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, model.Deck):
            *head, index, chunks = written(obj)
            index = (index[0], index[1][:-1], *index[2:])
            return cache._cached_deck, (*head, index, chunks)
        return NotImplemented


class MissingColumn(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, model.Deck):
            *head, index, chunks = written(obj)
            return cache._cached_deck, (*head, index[:-1], chunks)
        return NotImplemented


class MissingChunk(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, model.Deck):
            *head, index, chunks = written(obj)
            return cache._cached_deck, (*head, index, chunks[:-1])
        return NotImplemented


class Ordinary(pickle.Pickler):
    """Decks and cards as pickle writes any dataclass: by their class and fields."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, model.Deck):
            return model.Deck, (obj.id, obj.title, obj.description, obj.path, tuple(obj.cards))
        return NotImplemented


class ColumnsOfText(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, model.Deck):
            *head, _, chunks = written(obj)
            text = tuple("x" * len(obj.cards) for _ in cache.INDEX_FIELDS)
            return cache._cached_deck, (*head, text, chunks)
        return NotImplemented


@pytest.mark.parametrize(
    "pickler", [ShortColumn, MissingColumn, MissingChunk, Ordinary, ColumnsOfText]
)
def test_cards_made_any_other_way_are_a_miss(
    write_bank,  # type: ignore[no-untyped-def]
    parses: list[Path],  # noqa: F811
    pickler: type[pickle.Pickler],
) -> None:
    path = write_bank(bank_text())
    first = load_files([path], use_cache=True).cards
    resign(pickler)
    parses.clear()
    cards = load_files([path], use_cache=True).cards
    assert parses == [path] and cards == first


def test_equal_texts_are_stored_once(write_bank) -> None:  # type: ignore[no-untyped-def]
    path = write_bank(bank_text())
    load_files([path], use_cache=True)
    cards = list(load_files([path], use_cache=True).cards.values())
    assert len({id(card.source) for card in cards}) == len({card.source for card in cards})
    assert len({id(card.file) for card in cards}) == 1


def test_duplicate_ids_read_from_the_cache_are_reported_as_when_parsed(write_bank) -> None:  # type: ignore[no-untyped-def]
    first = write_bank(bank_text("flashcard", "mcq"), name="a.yaml")
    twice = bank_text("mcq", "cloze") + bank_text("mcq")[len(HEADER) :]
    second = write_bank(twice, name="b.yaml")
    third = write_bank(bank_text("short"), name="c.yaml")
    files = [first, second, third]
    cold = load_files(files, use_cache=True)
    warm = load_files(files, use_cache=True)
    assert [str(p) for p in warm.problems] == [str(p) for p in cold.problems]
    assert [p.card_id for p in cold.problems] == ["t-mcq", "t-mcq"]
    assert {p.message.split(":")[0] for p in cold.problems} == {
        f"duplicate id (first defined at {first}"
    }
    assert [d.id for d in warm.decks] == ["a", "c"] and warm.cards == cold.cards
    assert list(warm.cards) == ["t-flash", "t-mcq", "t-short"]


def test_a_cached_card_is_a_plain_dataclass(write_bank) -> None:  # type: ignore[no-untyped-def]
    path = write_bank(bank_text())
    load_files([path], use_cache=True)
    card = load_files([path], use_cache=True).cards["t-mcq"]
    assert dataclasses.replace(card, prompt="x").prompt == "x"
    assert dataclasses.asdict(card)["choices"] == card.choices


def varied_sources(text: str) -> str:
    """The generated bank's cards with sources from all over the guide, some beyond it."""
    names = [*library.guide_section_order(), f"{model.BEYOND_PREFIX} elsewhere"]
    picks = (json.dumps(names[i * 7 % len(names)]) for i in itertools.count())
    return re.sub("source: Weights", lambda _: f"source: {next(picks)}", text)


def test_a_cached_deck_makes_only_the_chunk_of_the_card_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "gen.yaml"
    path.write_text(varied_sources(generated_bank_text(600)), encoding="utf-8")
    parsed = load_files([path], use_cache=True)
    warm = load_files([path], use_cache=True)
    [deck] = warm.decks
    assert isinstance(deck, cache.CachedDeck)
    assert "cards" not in vars(deck) and deck._made == [None, None, None]
    card = warm.cards["gen-000300"]
    assert card == parsed.cards["gen-000300"]
    assert [chunk is not None for chunk in deck._made] == [False, True, False]
    # Selecting and ordering read the index columns: still no other card made.
    order = library.guide_section_order()
    assert warm.select_ids(order=order) == [
        c.id for c in library.in_guide_order(list(parsed.cards.values()), order)
    ]
    assert warm.select_ids(tags=["t3", "t5"]) == [c.id for c in parsed.select(tags=["t3", "t5"])]
    assert [chunk is not None for chunk in deck._made] == [False, True, False]
    # Every card, across the chunks' edges, equal to the parsed ones and in order.
    assert list(warm.cards.values()) == list(parsed.cards.values())
    assert deck == parsed.decks[0] and parsed.decks[0] == deck
    again = pickle.loads(pickle.dumps(deck))
    assert type(again) is model.Deck and again == deck
