"""Decks in the bank cache are stored as a column per field of their cards and rebuilt
all at once (issue 17): the cards come back equal, and a column of the wrong length, or
a card or deck pickled any other way, even signed, is a miss, not a card."""

from __future__ import annotations

import dataclasses
import io
import pickle
from pathlib import Path
from typing import Any

import pytest

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


def columns(deck: model.Deck) -> list[tuple[Any, ...]]:
    return [tuple(getattr(c, name) for c in deck.cards) for name in cache._COLUMN_FIELDS]


class ShortColumn(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is model.Deck:
            values = columns(obj)
            values[3] = values[3][:-1]
            args = (obj.id, obj.title, obj.description, obj.path, tuple(values))
            return cache._deck_from_columns, args
        return NotImplemented


class MissingColumn(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is model.Deck:
            args = (obj.id, obj.title, obj.description, obj.path, tuple(columns(obj)[:-1]))
            return cache._deck_from_columns, args
        return NotImplemented


class Ordinary(pickle.Pickler):
    """Decks and cards as pickle writes any dataclass: by their class and fields."""


class ColumnsOfText(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is model.Deck:
            text = tuple("x" * len(obj.cards) for _ in cache._COLUMN_FIELDS)
            return cache._deck_from_columns, (obj.id, obj.title, obj.description, obj.path, text)
        return NotImplemented


@pytest.mark.parametrize("pickler", [ShortColumn, MissingColumn, Ordinary, ColumnsOfText])
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
