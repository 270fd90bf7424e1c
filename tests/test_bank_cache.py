"""The parsed-bank cache: reused when a file is unchanged, never trusted otherwise, and
written once per command however many banks there are."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from interviewprep.bank import cache, library
from interviewprep.bank.discover import bank_files
from interviewprep.bank.library import DeckResult, load_files
from tests.banks import bank_text
from tests.cli import run_cli


def load(*paths: Path) -> library.Library:
    files, _ = bank_files(paths)
    return load_files(files, use_cache=True)


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """Every file parsed (not served from the cache), in order."""
    seen: list[Path] = []
    real = library.deck_from_bytes

    def spy(path: Path, raw: bytes, sections: frozenset[str]) -> DeckResult:
        seen.append(path)
        return real(path, raw, sections)

    monkeypatch.setattr(library, "deck_from_bytes", spy)
    return seen


@pytest.fixture
def writes(monkeypatch) -> list[int]:
    """The number of entries in each write of the cache file."""
    counts: list[int] = []
    real = cache.write_entries

    def spy(key: bytes, code: str, entries: dict) -> None:  # type: ignore[type-arg]
        counts.append(len(entries))
        real(key, code, entries)

    monkeypatch.setattr(cache, "write_entries", spy)
    return counts


def stored() -> dict:  # type: ignore[type-arg]
    """The cache file's entries, read the way the cache reads them: each result
    unpickled (it is kept pickled until a command loads its file)."""
    key = cache.key_file().read_bytes()
    entries = cache._read_entries(key, cache.code_identity(library.guide_sections()))
    return {name: (digest, cache.entry_result(blob)) for name, (digest, blob) in entries.items()}


def rewrite(entries: dict) -> None:  # type: ignore[type-arg]
    """Write entries with a valid signature, as only this program could."""
    key = cache.key_file().read_bytes()
    cache.write_entries(key, cache.code_identity(library.guide_sections()), entries)


def test_unchanged_bank_is_read_from_the_cache(write_bank, parses) -> None:
    path = write_bank(bank_text())
    first = load(path)
    assert parses == [path]
    second = load(path)
    assert parses == [path] and second.cards == first.cards


def test_an_edited_bank_is_parsed_again_and_replaces_its_entry(write_bank) -> None:
    path = write_bank(bank_text())
    load(path)
    path.write_text(bank_text().replace("Which model is decoder-only?", "Which is decoder-only?"))
    assert load(path).cards["t-mcq"].prompt == "Which is decoder-only?"
    assert list(stored()) == [str(path)]


def test_problems_are_cached_too(write_bank, parses) -> None:
    path = write_bank("format: 1\ntitle: t\ncards: {}\n")
    assert load(path).problems and load(path).problems
    assert parses == [path]


# -- 15: a link has its own entry; a wrong, damaged or tampered entry is a miss --------


def test_a_deck_loaded_through_a_link_is_not_served_for_the_real_file(write_bank) -> None:
    real = write_bank(bank_text(), name="real.yaml")
    link = real.with_name("link.yaml")
    link.symlink_to(real)
    through_link = load(link)
    assert [d.id for d in through_link.decks] == ["link"]
    direct = load(real)
    assert [d.id for d in direct.decks] == ["real"]
    assert {c.file for c in direct.cards.values()} == {real}
    assert {c.deck for c in direct.cards.values()} == {"real"}


def test_a_link_pointed_at_another_file_is_parsed_again(write_bank) -> None:
    a = write_bank(bank_text("mcq"), name="a.yaml", folder="x")
    b = write_bank(bank_text("flashcard"), name="b.yaml", folder="x")
    link = a.parent.parent / "deck.yaml"
    link.symlink_to(a)
    assert list(load(link).cards) == ["t-mcq"]
    link.unlink()
    link.symlink_to(b)
    assert list(load(link).cards) == ["t-flash"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle",
        pickle.dumps([1, 2, 3]),
        pickle.dumps({"code": "x", "entries": {}}),
        cache.MAGIC + b"\0" * 32 + pickle.dumps({"entries": []}),
    ],
)
def test_a_damaged_or_foreign_cache_file_is_a_miss(write_bank, parses, damage: bytes) -> None:
    path = write_bank(bank_text())
    load(path)
    cache.cache_file().write_bytes(damage)
    assert len(load(path).cards) == 7
    assert parses == [path, path]
    assert len(load(path).cards) == 7 and parses == [path, path]  # written again, good


def wrong_shapes(result: DeckResult, path: Path) -> list[object]:
    deck = result.deck
    assert deck is not None
    card = deck.cards[0]
    # The same path, but not the deck's own path object: not as the parser makes it.
    other_file = dataclasses.replace(card, file=Path(str(card.file)))
    return [
        [1, 2, 3],
        {"deck": None, "problems": []},
        DeckResult(None, []),  # neither a deck nor a problem
        DeckResult(deck, [], ids="x"),  # type: ignore[arg-type]
        DeckResult(dataclasses.replace(deck, cards=[card]), []),  # type: ignore[arg-type]
        DeckResult(dataclasses.replace(deck, cards=(card, {"id": "x"})), []),  # type: ignore[arg-type]
        DeckResult(dataclasses.replace(deck, cards=(other_file,)), []),
        DeckResult(dataclasses.replace(deck, id="other"), []),
        DeckResult(dataclasses.replace(deck, path=path.with_name("other.yaml")), []),
        DeckResult(dataclasses.replace(deck, cards=(dataclasses.replace(card, deck="x"),)), []),
        DeckResult(None, ["a problem that is text"]),  # type: ignore[list-item]
    ]


@pytest.mark.parametrize("index", range(11))
def test_an_entry_of_the_wrong_shape_is_a_miss(write_bank, parses, index: int) -> None:
    path = write_bank(bank_text())
    first = load(path)
    [(digest, result)] = stored().values()
    rewrite({str(path): (digest, wrong_shapes(result, path)[index])})
    again = load(path)
    assert again.cards == first.cards and not again.problems
    assert parses == [path, path]


def test_entries_with_keys_of_the_wrong_type_are_dropped(write_bank, parses) -> None:
    path = write_bank(bank_text())
    load(path)
    rewrite({7: ("x", None), (1, 2): [], str(path): "not a pair"})
    assert len(load(path).cards) == 7
    assert list(stored()) == [str(path)] and parses == [path, path]


def test_an_entry_of_the_wrong_shape_is_a_miss_for_the_cli(write_bank) -> None:
    path = write_bank(bank_text())
    assert run_cli("cards", "--json", "--bank", str(path.parent)).returncode == 0
    [(digest, _)] = [v for k, v in stored().items() if k == str(path)]
    rewrite({str(path): (digest, [1, 2, 3])})
    result = run_cli("cards", "--json", "--bank", str(path.parent))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert '"t-mcq"' in result.stdout


def tamper(path: Path) -> None:
    """Edit a card inside the cache file, leaving its signature as it was."""
    data = cache.cache_file().read_bytes()
    head = len(cache.MAGIC) + 32
    stored_data = pickle.loads(data[head:])
    digest, blob = stored_data["entries"][str(path)]
    deck = cache.entry_result(blob).deck
    cards = tuple(
        dataclasses.replace(c, prompt="Tampered?", answer="BERT") if c.id == "t-mcq" else c
        for c in deck.cards
    )
    edited = DeckResult(dataclasses.replace(deck, cards=cards), [])
    stored_data["entries"][str(path)] = (digest, cache.pickled_result(edited))
    cache.cache_file().write_bytes(data[:head] + pickle.dumps(stored_data))


def test_a_tampered_cache_is_not_shown(write_bank) -> None:
    path = write_bank(bank_text())
    load(path)
    tamper(path)
    card = load(path).cards["t-mcq"]
    assert (card.prompt, card.answer) == ("Which model is decoder-only?", "GPT")


def test_a_tampered_cache_cannot_run_code(write_bank, tmp_path: Path) -> None:
    path = write_bank(bank_text())
    load(path)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    data = cache.cache_file().read_bytes()
    head = len(cache.MAGIC) + 32
    cache.cache_file().write_bytes(data[:head] + pickle.dumps(Evil()))
    assert len(load(path).cards) == 7
    # Even signed, a pickle naming anything but our model is refused.
    rewrite({str(path): (cache.content_digest(path.read_bytes()), Evil())})
    assert len(load(path).cards) == 7
    assert not marker.exists()


def test_validate_reads_an_edited_file_itself(write_bank) -> None:
    """An entry of the file as it was is never what validate reports."""
    good = write_bank(bank_text(), name="deck.yaml")
    assert run_cli("validate", str(good)).returncode == 0
    load(good)
    good.write_text(bank_text().replace("answer: GPT", "answer: nobody"), encoding="utf-8")
    out = run_cli("validate", str(good))
    assert out.returncode == 2, out.stdout
    assert "'answer' 'nobody' is not one of the choices" in out.stdout


def test_validate_with_the_cache_off_reads_only_the_files(write_bank, monkeypatch) -> None:
    """An entry that claims a broken file is clean, even signed, changes nothing when
    INTERVIEWPREP_NO_CACHE is set, and the cache is neither read nor written."""
    good = write_bank(bank_text(), name="deck.yaml")
    load(good)
    [(_, result)] = stored().values()
    good.write_text(bank_text().replace("answer: GPT", "answer: nobody"), encoding="utf-8")
    rewrite({str(good): (cache.content_digest(good.read_bytes()), result)})
    before = cache.cache_file().read_bytes()
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    out = run_cli("validate", str(good))
    assert out.returncode == 2, out.stdout
    assert "'answer' 'nobody' is not one of the choices" in out.stdout
    assert cache.cache_file().read_bytes() == before


def test_a_broken_file_has_the_same_problems_from_the_cache(write_bank, parses) -> None:
    """What validate would read from an entry: every problem of the file, as parsed."""
    text = bank_text().replace("answer: GPT", "answer: nobody").replace("tags: [", "tags: [7, ")
    broken = write_bank(text, name="broken.yaml")
    cold = [str(p) for p in load(broken).problems]
    warm = [str(p) for p in load(broken).problems]
    assert parses == [broken] and warm == cold and len(cold) >= 2


def test_the_cache_is_keyed_by_the_yaml_library_too(monkeypatch) -> None:
    """libyaml's and PyYAML's messages are quoted in problems: another version of
    either is another cache."""
    import yaml

    sections = library.guide_sections()
    before = cache.code_identity(sections)
    monkeypatch.setattr(yaml, "__version__", "0.0.1")
    assert cache.code_identity(sections) != before


# -- 16: one cache file, written at most once per command ---------------------------


def many_decks(root: Path, n: int) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = bank_text("flashcard").replace("t-flash", f"t-{i}")
        path = root / f"deck{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_many_decks_are_cached_in_one_write(tmp_path: Path, writes, parses) -> None:
    paths = many_decks(tmp_path / "many", 60)
    assert len(load(tmp_path / "many").decks) == 60
    assert writes == [60]
    assert sorted(p.name for p in cache.cache_dir().iterdir()) == ["banks.key", "banks.pickle"]
    load(tmp_path / "many")
    assert writes == [60] and len(parses) == 60  # warm: nothing parsed, nothing written
    paths[7].write_text(paths[7].read_text().replace("weight do", "weight really do"))
    load(tmp_path / "many")
    assert writes == [60, 60] and parses[60:] == [paths[7]]


def test_other_commands_banks_stay_cached(tmp_path: Path, write_bank, writes, parses) -> None:
    mine = write_bank(bank_text(), name="mine.yaml", folder="a")
    other = write_bank(bank_text("flashcard").replace("t-flash", "t-o"), name="o.yaml", folder="b")
    load(mine)
    load(other)
    assert sorted(stored()) == sorted([str(mine), str(other)])
    load(mine)
    load(other)
    assert parses == [mine, other]
    other.unlink()
    mine.write_text(bank_text("mcq"))
    load(mine)
    assert list(stored()) == [str(mine)]  # a deleted file's entry goes


def test_the_cache_can_be_switched_off(write_bank, monkeypatch, parses) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    path = write_bank(bank_text())
    load(path)
    load(path)
    assert parses == [path, path]
    assert not cache.cache_file().exists()


def test_the_old_one_file_per_bank_cache_is_removed(write_bank) -> None:
    old = cache.cache_dir() / "banks"
    old.mkdir(parents=True)
    stale = old / f"{'a' * 16}-{'b' * 32}.pickle"
    stale.write_bytes(b"old")
    load(write_bank(bank_text()))
    assert not old.exists()


def test_a_damaged_key_is_replaced(write_bank, parses) -> None:
    path = write_bank(bank_text())
    load(path)
    cache.key_file().write_bytes(b"")
    load(path)
    load(path)
    assert parses == [path, path]  # parsed again once, then served again
    assert cache.key_file().stat().st_mode & 0o777 == 0o600


def test_an_unusable_cache_folder_only_costs_the_parsing(write_bank, parses) -> None:
    path = write_bank(bank_text())
    cache.cache_dir().parent.mkdir(parents=True)
    cache.cache_dir().write_text("a file where the cache folder goes")
    assert len(load(path).cards) == 7
    assert len(load(path).cards) == 7 and parses == [path, path]


def test_a_changed_section_list_is_a_miss(write_bank, parses, monkeypatch, tmp_path) -> None:
    """A deck is valid against one guide-sections.tsv: when that file changes (a section
    renamed), the cached verdict must not be reused."""
    path = write_bank(bank_text())
    assert load(path).problems == []
    assert load(path).problems == [] and parses == [path]  # the second load is cached

    shipped = library.guide_sections_file().read_text(encoding="utf-8")
    renamed = tmp_path / "guide-sections.tsv"
    renamed.write_text(shipped.replace("Weights\t", "Weights and biases\t"), encoding="utf-8")
    monkeypatch.setattr(library, "guide_sections_file", lambda: renamed)
    library.guide_section_order.cache_clear()
    library.guide_sections.cache_clear()
    try:
        problems = load(path).problems
    finally:
        library.guide_section_order.cache_clear()
        library.guide_sections.cache_clear()
    assert parses == [path, path]  # parsed again, not served from the cache
    assert any("'Weights' is not a section of the guide" in p.message for p in problems)


def test_other_banks_entries_are_neither_unpickled_nor_pickled_again(
    write_bank, monkeypatch
) -> None:
    """A command pays for the banks it loads, not for every bank the cache holds."""
    mine = write_bank(bank_text(), name="mine.yaml", folder="a")
    other = write_bank(bank_text("flashcard").replace("t-flash", "t-o"), name="o.yaml", folder="b")
    load(other)
    load(mine)
    key = cache.key_file().read_bytes()
    code = cache.code_identity(library.guide_sections())
    before = cache._read_entries(key, code)[str(other)]
    unpickled: list[bytes] = []
    real = cache.entry_result
    monkeypatch.setattr(cache, "entry_result", lambda blob: unpickled.append(blob) or real(blob))
    mine.write_text(bank_text("mcq"), encoding="utf-8")  # parsed again: the cache is written
    assert list(load(mine).cards) == ["t-mcq"]
    assert unpickled == []  # mine's old entry had another digest; other's was never read
    assert cache._read_entries(key, code)[str(other)] == before  # written back as it was
    monkeypatch.undo()
    assert list(load(other).cards) == ["t-o"]


def test_a_second_validate_of_unchanged_files_parses_nothing(write_bank, parses) -> None:  # type: ignore[no-untyped-def]
    """App.validate reads unchanged files' problems from the cache: the same report,
    clean or not, and no file parsed the second time."""
    from interviewprep.app import App

    good = write_bank(bank_text(), name="good.yaml")
    text = bank_text().replace("answer: GPT", "answer: nobody")
    broken = write_bank(text, name="broken.yaml", folder="other")
    app = App()
    first = app.validate([good, broken])
    assert parses == [good, broken] and first.problems
    second = App().validate([good, broken])
    assert parses == [good, broken]  # nothing parsed again
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert second.summary == first.summary
