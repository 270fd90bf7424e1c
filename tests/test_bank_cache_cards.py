"""Cards in the bank cache are stored as tuples of their fields (issue 17): they come
back equal, and a tuple of the wrong length, even signed, is a miss, not a card."""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from interviewprep.bank import cache, library, model
from interviewprep.bank.library import load_files
from tests.banks import bank_text
from tests.test_bank_cache import parses  # noqa: F401  (a fixture)


def test_cached_cards_come_back_equal_field_by_field(write_bank) -> None:  # type: ignore[no-untyped-def]
    path = write_bank(bank_text())
    parsed = load_files([path], use_cache=True).cards
    cached = load_files([path], use_cache=True).cards
    assert cached == parsed
    for card_id, card in cached.items():
        assert vars(card) == vars(parsed[card_id]) and type(card) is model.Card


def test_a_card_tuple_of_the_wrong_length_is_a_miss(write_bank, parses: list[Path]) -> None:  # noqa: F811
    path = write_bank(bank_text())
    load_files([path], use_cache=True)

    class Short(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if type(obj) is model.Card:
                values = tuple(vars(obj)[name] for name in cache._CARD_FIELDS)
                return cache._card_from_fields, (values[:-1],)
            return NotImplemented

    key = cache.key_file().read_bytes()
    code = cache.code_identity(library.guide_sections())
    entries = cache._read_entries(key, code)
    buffer = io.BytesIO()
    Short(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump({"code": code, "entries": entries})
    payload = buffer.getvalue()
    cache.cache_file().write_bytes(cache.MAGIC + cache._sign(key, payload) + payload)
    parses.clear()
    cards = load_files([path], use_cache=True).cards
    assert parses == [path] and len(cards) == 7
