"""The parsed-bank cache: reused when a file is unchanged, never trusted otherwise."""

from __future__ import annotations

from interviewprep.bank import cache
from interviewprep.bank.library import bank_files, load_files
from tests.banks import bank_text


def load(path):  # type: ignore[no-untyped-def]
    files, _ = bank_files([path])
    return load_files(files)


def test_unchanged_bank_is_read_from_the_cache(write_bank, monkeypatch) -> None:
    path = write_bank(bank_text())
    first = load(path)
    entries = list(cache.cache_dir().glob("*.pickle"))
    assert len(entries) == 1
    calls = []
    real = cache.cached

    def spy(p, raw, sections, parse):  # type: ignore[no-untyped-def]
        return real(p, raw, sections, lambda *a: calls.append(a) or parse(*a))

    monkeypatch.setattr(cache, "cached", spy)
    second = load(path)
    assert calls == [] and second.cards == first.cards


def test_an_edited_bank_is_parsed_again_and_replaces_its_entry(write_bank) -> None:
    path = write_bank(bank_text())
    load(path)
    path.write_text(bank_text().replace("Which model is decoder-only?", "Which is decoder-only?"))
    assert load(path).cards["t-mcq"].prompt == "Which is decoder-only?"
    assert len(list(cache.cache_dir().glob("*.pickle"))) == 1


def test_a_damaged_entry_is_ignored(write_bank) -> None:
    path = write_bank(bank_text())
    load(path)
    [entry] = cache.cache_dir().glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert len(load(path).cards) == 7


def test_problems_are_cached_too(write_bank) -> None:
    path = write_bank("format: 1\ntitle: t\ncards: {}\n")
    assert load(path).problems and load(path).problems
