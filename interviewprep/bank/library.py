"""Finding bank files, loading them and checking what spans files (duplicate ids)."""

from __future__ import annotations

import contextlib
import gc
from bisect import bisect_right
from collections.abc import Iterable, Iterator, KeysView, Mapping, Sequence, ValuesView
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, compress, count, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from interviewprep.bank.cache import INDEX_FIELDS, BankCache, CachedDeck, content_digest
from interviewprep.bank.discover import bank_files
from interviewprep.bank.model import BANK_FORMAT, Card, Deck, Problem
from interviewprep.bank.validate import check_card
from interviewprep.bank.yamlsafe import (
    HugeNumber,
    YamlProblem,
    child,
    duplicate_keys,
    key_lines,
    node_line,
    parse_yaml,
    read_bank_bytes,
)
from interviewprep.paths import content_dir, guide_sections_file

TOP_LEVEL_REQUIRED = ("format", "title", "cards")
TOP_LEVEL_ALLOWED = {*TOP_LEVEL_REQUIRED, "description"}


@cache
def guide_section_order() -> dict[str, int]:
    """Each canonical section name (what a card's `source` may use) and its place in
    the guide, first section 0."""
    names: dict[str, int] = {}
    for raw in guide_sections_file().read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            names.setdefault(raw.split("\t")[0].strip(), len(names))
    return names


@cache
def guide_sections() -> frozenset[str]:
    """The canonical section names a card's `source` may use."""
    return frozenset(guide_section_order())


def in_guide_order(cards: Sequence[Card], order: Mapping[str, int]) -> list[Card]:
    """Cards in the order the guide teaches their sections; beyond-the-guide cards after
    every guide card. Within a section, the order of the decks. New cards are introduced
    in this order, so someone starting out begins where the guide begins."""
    last = len(order)
    return sorted(cards, key=lambda card: order.get(card.source, last))


def ids_in_guide_order(
    ids: Sequence[str], sources: Sequence[str], order: Mapping[str, int]
) -> list[str]:
    """`in_guide_order` over the cards' ids and sources (in bank order), no card made:
    a stable sort of positions by a key list, C-level callables only."""
    keys = list(map(order.get, sources, repeat(len(order))))
    return list(map(ids.__getitem__, sorted(range(len(ids)), key=keys.__getitem__)))


def deck_columns(deck: Deck) -> tuple[tuple[Any, ...], ...]:
    """A deck's cards' ids, types, tags and sources, a column each (INDEX_FIELDS): the
    cache's own for a cached deck, no card made."""
    if isinstance(deck, CachedDeck) and "index" in vars(deck):
        return deck.index
    return tuple(tuple(map(attrgetter(name), deck.cards)) for name in INDEX_FIELDS)


class CardIndex(Mapping[str, Card]):
    """Every card of a library by id, each made only when asked for: a cached deck makes
    its cards a chunk at a time (bank/cache.py), so a session that shows twenty cards
    of 100,000 does not make the rest. Iterating the values makes every card."""

    def __init__(self) -> None:
        self._where: dict[str, int] = {}  # id -> its place among every card
        self._starts: list[int] = []  # each deck's first place
        self._decks: list[Deck] = []
        self.columns: list[tuple[tuple[Any, ...], ...]] = []  # deck_columns of each deck

    def add(self, deck: Deck, columns: tuple[tuple[Any, ...], ...]) -> None:
        """A deck whose ids no other deck here has (load_files checks)."""
        self._starts.append(len(self._where))
        self._decks.append(deck)
        self.columns.append(columns)
        self._where.update(zip(columns[0], count(len(self._where))))

    def __getitem__(self, card_id: str) -> Card:
        place = self._where[card_id]
        number = bisect_right(self._starts, place) - 1
        deck, position = self._decks[number], place - self._starts[number]
        return deck.card_at(position) if isinstance(deck, CachedDeck) else deck.cards[position]

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def keys(self) -> KeysView[str]:
        return self._where.keys()  # a dict's: `in` from C, as a session's filter needs

    def values(self) -> ValuesView[Card]:
        return _Cards(self)

    def every_card(self) -> Iterator[Card]:
        """Every card in bank order, each deck's made all at once."""
        return chain.from_iterable(deck.cards for deck in self._decks)


class _Cards(ValuesView[Card]):
    """The values of a CardIndex, made a deck at a time rather than looked up by id."""

    _mapping: CardIndex

    def __iter__(self) -> Iterator[Card]:
        return self._mapping.every_card()


class _Subset(Mapping[str, Card]):
    """Some cards of a mapping by id, in the order given, each looked up when asked for."""

    def __init__(self, cards: Mapping[str, Card], ids: Iterable[str]) -> None:
        self._cards = cards
        self._ids = dict.fromkeys(ids)

    def __getitem__(self, card_id: str) -> Card:
        if card_id not in self._ids:
            raise KeyError(card_id)
        return self._cards[card_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def keys(self) -> KeysView[str]:
        return self._ids.keys()


@dataclass
class Library:
    """Every loaded deck and card, plus the problems found on the way."""

    decks: list[Deck] = field(default_factory=list)
    cards: Mapping[str, Card] = field(default_factory=CardIndex)
    problems: list[Problem] = field(default_factory=list)

    def card(self, card_id: str) -> Card | None:
        return self.cards.get(card_id)

    def select(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        types: Sequence[str] = (),
    ) -> list[Card]:
        """Cards in bank order, narrowed by deck id, tag and type (each: any of)."""
        return [
            c
            for c in self.cards.values()
            if (not decks or c.deck in decks)
            and (not tags or any(t in c.tags for t in tags))
            and (not types or c.type.value in types)
        ]

    def select_ids(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        order: Mapping[str, int] | None = None,
    ) -> list[str]:
        """The ids of `select(decks, tags)`, in bank order or else in the guide's `order`
        (`in_guide_order`), read from the decks' columns: no card is made."""
        ids: list[str] = []
        sources: list[str] = []
        for deck, (deck_ids, _, deck_tags, deck_sources) in zip(
            self.decks, _columns(self), strict=True
        ):
            if decks and deck.id not in decks:
                continue
            if tags:
                keep = [any(t in card_tags for t in tags) for card_tags in deck_tags]
                ids += compress(deck_ids, keep)
                sources += compress(deck_sources, keep)
            else:
                ids += deck_ids
                sources += deck_sources
        return ids if order is None else ids_in_guide_order(ids, sources, order)

    def cards_of(self, ids: Sequence[str]) -> Mapping[str, Card]:
        """Those cards (ids of this library, no two the same) by id, each made when
        asked for: `cards` itself when they are every card."""
        return self.cards if len(ids) == len(self.cards) else _Subset(self.cards, ids)


def _columns(library: Library) -> list[tuple[tuple[Any, ...], ...]]:
    """Each deck's `deck_columns`: the index's own, or (a library made by hand) computed."""
    cards = library.cards
    if isinstance(cards, CardIndex) and len(cards.columns) == len(library.decks):
        return cards.columns
    return [deck_columns(deck) for deck in library.decks]


def _kind_of(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "text"
    return repr(data) if isinstance(data, HugeNumber) else type(data).__name__


def _field_problems(path: Path, data: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    """Missing, unknown and misspelt top-level fields."""
    problems = [
        Problem(path, 1, None, f"missing top-level field '{key}'")
        for key in TOP_LEVEL_REQUIRED
        if key not in data
    ]
    allowed = ", ".join(sorted(TOP_LEVEL_ALLOWED))
    problems += [
        Problem(path, lines.get(str(key), 1), None,
                f"unknown top-level field '{key}'; allowed: {allowed}")
        for key in data
        if key not in TOP_LEVEL_ALLOWED
    ]  # fmt: skip
    return problems


def _value_problems(path: Path, data: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    """The format version, the texts, and the shape of 'cards'."""
    problems = []
    fmt = data.get("format")
    where = lines.get("format", 1)
    if "format" in data and not (isinstance(fmt, int) and not isinstance(fmt, bool) and fmt >= 1):
        problems.append(Problem(path, where, None, "'format' must be 1"))
    elif isinstance(fmt, int) and fmt > BANK_FORMAT:
        problems.append(Problem(path, where, None,
                                f"bank format {fmt} is newer than this interviewprep "
                                f"understands ({BANK_FORMAT}); upgrade interviewprep"))  # fmt: skip
    for key in ("title", "description"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(Problem(path, lines.get(key, 1), None, f"'{key}' must be text"))
    if "cards" in data and not isinstance(data["cards"], list):
        problems.append(
            Problem(path, lines.get("cards", 1), None, "'cards' must be a list of cards")
        )
    return problems


def _top_level_problems(path: Path, data: Any, node: Any) -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem(path, node_line(node), None,
                        f"the top level is {_kind_of(data)}; a bank is a mapping with 'format', "
                        "'title' and 'cards' (see docs/bank-format.md)")]  # fmt: skip
    lines = key_lines(node)
    duplicates = [
        Problem(path, line, None, f"'{key}' is written twice; keep one")
        for key, line in duplicate_keys(node)
    ]
    return duplicates + _field_problems(path, data, lines) + _value_problems(path, data, lines)


@dataclass
class DeckResult:
    """One file's outcome: the deck when clean, or its problems and every id it uses
    with its line (a clean deck's ids are its cards')."""

    deck: Deck | None
    problems: list[Problem]
    ids: list[tuple[str, int]] = field(default_factory=list)


def load_deck(path: Path, sections: frozenset[str], cache: BankCache | None = None) -> DeckResult:
    """Read, parse and validate one bank file; through the parsed-bank cache if given."""
    try:
        data = read_bank_bytes(path)
    except YamlProblem as exc:
        return DeckResult(None, [Problem(path, exc.line, None, exc.message)])
    except OSError as exc:
        return DeckResult(None, [Problem(path, 1, None, f"cannot read: {exc.strerror or exc}")])
    if cache is None:
        return deck_from_bytes(path, data, sections)
    digest = content_digest(data)
    result = cache.get(path, digest)
    if result is None:
        result = deck_from_bytes(path, data, sections)
        cache.put(path, digest, result)
    return result


def deck_from_bytes(path: Path, raw: bytes, sections: frozenset[str]) -> DeckResult:
    """Parse and validate one bank file's bytes. The deck is returned only when it is clean."""
    try:
        located = parse_yaml(raw)
    except YamlProblem as exc:
        return DeckResult(None, [Problem(path, exc.line, None, exc.message)])
    if located is None:
        empty = "the file is empty; a bank needs 'format', 'title' and 'cards'"
        return DeckResult(None, [Problem(path, 1, None, empty)])
    data, node = located.value, located.node
    problems = _top_level_problems(path, data, node)
    if problems:
        return DeckResult(None, problems)
    deck_id = path.stem
    cards_node = child(node, "cards")
    item_nodes = list(cards_node.value) if cards_node is not None else []
    cards: list[Card] = []
    ids: list[tuple[str, int]] = []
    for raw, item_node in zip(data["cards"], item_nodes, strict=True):
        line = node_line(item_node)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            ids.append((raw["id"], line))
        for key, key_line in duplicate_keys(item_node):
            card_id = raw.get("id") if isinstance(raw, dict) else None
            problems.append(Problem(path, key_line, card_id, f"'{key}' is written twice; keep one"))
        card, card_problems = check_card(
            raw,
            file=path,
            line=line,
            lines=key_lines(item_node),
            deck=deck_id,
            sections=sections,
        )
        problems.extend(card_problems)
        if card is not None:
            cards.append(card)
    if problems:
        return DeckResult(None, problems, ids)
    deck = Deck(deck_id, data["title"].strip(), data.get("description"), path, tuple(cards))
    return DeckResult(deck, [])


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Loading allocates millions of small objects and frees none of them; the cyclic
    garbage collector would walk them again and again (3x slower at 100,000 cards).
    What was loaded lives as long as the command, so it is frozen out of later passes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_files(files: Iterable[Path], *, use_cache: bool = False) -> Library:
    """Load bank files into one library, checking ids and deck names across files.

    A deck with any problem is left out whole, so a half-valid deck is never studied.
    With use_cache, unchanged files are read from the parsed-bank cache, their problems
    too, so `validate` may use it (bank/cache.py says why that is sound); problems that
    span files are found again on every load.
    """
    with gc_paused():
        sections = guide_sections()
        cache = BankCache.open(sections) if use_cache else None
        library = _load_files(files, sections, cache)
        if cache is not None:
            cache.save()
        return library


def _load_files(
    files: Iterable[Path], sections: frozenset[str], cache: BankCache | None
) -> Library:
    index = CardIndex()
    library = Library(cards=index)
    ids = _IdClaims()
    deck_paths: dict[str, Path] = {}
    columns: dict[Path, tuple[tuple[Any, ...], ...]] = {}
    for path in files:
        result = load_deck(path, sections, cache)
        if result.deck is not None:
            columns[path] = deck_columns(result.deck)
        problems = list(result.problems) + ids.claim(path, result, columns.get(path))
        deck = result.deck
        if deck is not None and deck.id in deck_paths:
            problems.append(
                Problem(
                    path,
                    1,
                    None,
                    f"deck '{deck.id}' is also defined by {deck_paths[deck.id]}; rename one file",
                )
            )
        library.problems.extend(problems)
        if deck is None or problems:
            continue
        deck_paths[deck.id] = path
        library.decks.append(deck)
        index.add(deck, columns[path])
    return library


class _IdClaims:
    """Which file first used each id, so that a second use, in that file or a later
    one, is a problem that points at the first."""

    def __init__(self) -> None:
        self._first: dict[str, int] = {}  # id -> the index of its file in _files
        self._files: list[tuple[Path, DeckResult]] = []
        self._lines: dict[int, dict[str, int]] = {}  # per file: each id's first line

    def claim(
        self, path: Path, result: DeckResult, columns: tuple[tuple[Any, ...], ...] | None
    ) -> list[Problem]:
        """The problems of this file's ids; the ids not taken yet are its own now. When
        none clashes, as in nearly every load, no Python runs per id: the ids are taken
        by map() over C-level callables (0.06 s less at 100,000 cards)."""
        index = len(self._files)
        self._files.append((path, result))
        names = list(columns[0]) if columns is not None else list(map(_FIRST, result.ids))
        mine = dict.fromkeys(names, index)
        if len(mine) == len(names) and self._first.keys().isdisjoint(mine):
            self._first.update(mine)
            return []
        problems = []
        for card_id, line in _id_lines(result):
            earlier = self._where(self._first.setdefault(card_id, index), card_id)
            if earlier != (path, line):
                problems.append(
                    Problem(
                        path,
                        line,
                        card_id,
                        f"duplicate id (first defined at {earlier[0]}:{earlier[1]}); "
                        "ids must be unique across all banks",
                    )
                )
        return problems

    def _where(self, index: int, card_id: str) -> tuple[Path, int]:
        """The file and the line where that file first used the id."""
        path, result = self._files[index]
        if index not in self._lines:
            self._lines[index] = dict(reversed(_id_lines(result)))  # the first line wins
        return path, self._lines[index][card_id]


def _id_lines(result: DeckResult) -> list[tuple[str, int]]:
    """Every id a file uses with its line: a clean deck's are its cards'."""
    return result.ids if result.deck is None else list(map(_ID_AND_LINE, result.deck.cards))


_ID = attrgetter("id")
_FIRST = itemgetter(0)
_ID_AND_LINE = attrgetter("id", "line")


def shipped_bank_dir() -> Path:
    return content_dir()


def load_library(extra_dirs: Sequence[Path] = ()) -> Library:
    """The shipped banks plus the user's extra bank folders."""
    files, problems = bank_files([shipped_bank_dir(), *extra_dirs])
    library = load_files(files, use_cache=True)
    library.problems[:0] = problems
    return library
