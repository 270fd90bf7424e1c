"""A cache of parsed and validated banks: one file for every bank a command loads.

Parsing YAML is most of the cost of loading (about 1.6 s for 10,000 cards); a bank
that has not changed since the last run is read back from the cache instead. Each
entry is found by the path the bank was loaded through and is used only when the
SHA-256 of the file's bytes matches the one stored with it: what a bank parses to
depends on those two only (the path names the deck and is quoted in every problem),
so a link and the file it points to have entries of their own, and an edited file,
or a link pointed elsewhere, is parsed again.

The whole cache is one file, read once and written at most once per command, and
only when something changed: 10,000 files of one entry each, every one written on
its own, made a cold start 20 times slower than no cache at all (benchmarks/RESULTS.md).
Each entry's result is pickled on its own inside it and unpickled only by a command
that loads its file, so banks another command loaded cost a command nothing but
their bytes, and are written back as they were read.

The file is signed with a key kept beside it (HMAC-SHA256) and checked before it is
unpickled; then only our own model classes may be rebuilt, and each entry is checked
for the shape and names its file gives it. A damaged, foreign, tampered or wrongly
shaped cache is a miss, never an error. This guards against accidents and stale or
edited entries, not against someone who can already write the user's data folder
(and with it the key and the store).

An entry holds the problems found in its file as well as its deck, so `validate`
may read it too (issue 17: 9 s for 100,000 cards parsed, under 1 s from the cache):
what a file's bytes validate to is decided by those bytes, its path and
`code_identity`, which the entry is keyed by; problems that span files (a duplicate
id, a deck name used twice) are found again on every load. INTERVIEWPREP_NO_CACHE=1
makes any command, `validate` too, read every file itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import sys
from collections import deque
from collections.abc import Iterable
from itertools import chain, repeat
from operator import attrgetter, eq, is_
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.bank import model
from interviewprep.fsutil import atomic_path
from interviewprep.paths import data_home

if TYPE_CHECKING:
    from interviewprep.bank.library import DeckResult

# Bump when the cache's own format changes; changes to the code that builds entries
# are noticed by themselves (code_identity).
CACHE_VERSION = "9"  # 9: a deck's index columns, then its cards' other fields in chunks
DISABLE_ENV = "INTERVIEWPREP_NO_CACHE"
MAGIC = b"interviewprep bank cache\n"
KEY_BYTES = 32
# Entries of banks not loaded by this command are kept, for the next command that
# loads them, up to this many in all.
MAX_ENTRIES = 40_000
_OLD_ENTRY_NAME = "????????????????-????????????????????????????????.pickle"  # version 3


def cache_dir() -> Path:
    return data_home() / "cache"


def cache_file() -> Path:
    return cache_dir() / "banks.pickle"


def key_file() -> Path:
    return cache_dir() / "banks.key"


def content_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def code_identity(sections: frozenset[str]) -> str:
    """What, besides a file's path and bytes, decides what it parses to and which
    problems `validate` reports for it: this code (with the "did you mean" of
    errors.py), the guide's sections, PyYAML and libyaml (their messages are quoted),
    and the Python that pickled it."""
    from interviewprep import errors
    from interviewprep.bank import library, validate, yamlsafe

    digest = hashlib.sha256()
    for part in (CACHE_VERSION, sys.version, "\n".join(sorted(sections)), _yaml_versions()):
        digest.update(part.encode())
        digest.update(b"\0")
    for module in (model, validate, yamlsafe, library, errors):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no sources beside the code: the package version must do
            from interviewprep import __version__

            digest.update(__version__.encode())
    return digest.hexdigest()


def _yaml_versions() -> str:
    import yaml

    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = str(_yaml.get_version_string())
    except (ImportError, AttributeError):  # PyYAML built without libyaml
        libyaml = "none"
    return f"PyYAML {yaml.__version__}, libyaml {libyaml}"


_CARD_FIELDS = tuple(f.name for f in dataclasses.fields(model.Card))
# A cached deck holds a column of values for each field of its cards but these two,
# which are the deck's own.
_DECK_FIELDS = ("file", "deck")
# What a library selects and orders cards by (bank/library.py): read with the entry,
# so a session can pick its cards without making them.
INDEX_FIELDS = ("id", "type", "tags", "source")
# The rest of each card, in chunks of CHUNK_CARDS cards, each pickled on its own and
# read only when one of its cards is first asked for: the first card of a session at
# 100,000 cards makes 256 cards, not 100,000.
_BODY_FIELDS = tuple(n for n in _CARD_FIELDS if n not in (*_DECK_FIELDS, *INDEX_FIELDS))
CHUNK_CARDS = 256
# Each field's slot: its __set__ fills one field of a card, from C.
_SLOTS = {name: getattr(model.Card, name) for name in _CARD_FIELDS}


def _columns_of_one_length(columns: Any, count: int, size: int | None = None) -> bool:
    """`count` tuples, each of `size` values (of the first's length if None)."""
    if not (
        type(columns) is tuple
        and len(columns) == count
        and all(map(is_, map(type, columns), repeat(tuple)))
    ):
        return False
    size = (len(columns[0]) if columns else 0) if size is None else size
    return all(map(eq, map(len, columns), repeat(size)))


class CachedDeck(model.Deck):
    """A deck read from the cache: its cards' ids, types, tags and sources at hand
    (`index`), each card made only when asked for (`card_at`), every card when `cards`
    is first read. It equals the deck its file parses to, and pickles as one."""

    index: tuple[tuple[Any, ...], ...]  # a column per INDEX_FIELDS name
    _chunks: tuple[bytes, ...]  # each CHUNK_CARDS cards' other fields, pickled
    _made: list[tuple[model.Card, ...] | None]  # each chunk's cards, once made

    @classmethod
    def read(
        cls, deck_id: str, title: str, description: str | None, path: Path,
        index: tuple[tuple[Any, ...], ...], chunks: tuple[bytes, ...],
    ) -> CachedDeck:  # fmt: skip
        """The deck `_cached_deck` reads. (Made by its fields, as dataclasses.replace
        does, a CachedDeck holds its cards and no index: `deck_columns` makes one.)"""
        deck = object.__new__(cls)
        for name, value in (("id", deck_id), ("title", title), ("description", description),
                            ("path", path), ("index", index), ("_chunks", chunks),
                            ("_made", [None] * len(chunks))):  # fmt: skip
            object.__setattr__(deck, name, value)
        return deck

    @functools.cached_property
    def cards(self) -> tuple[model.Card, ...]:  # type: ignore[override]
        # Made after loading, so kept out of the collector's passes as loading's are
        # (library.gc_paused): else every later pass walks them (cards --json at
        # 100,000 cards: 0.25 s more).
        from interviewprep.bank.library import gc_paused

        with gc_paused():
            cards = tuple(chain.from_iterable(map(self._chunk_cards, range(len(self._made)))))
        # Every card is made: the pickled chunks (15 MB at 100,000 cards) can go.
        object.__setattr__(self, "_chunks", ())
        object.__setattr__(self, "_made", [])
        return cards

    def card_at(self, position: int) -> model.Card:
        """Its card at that position, made with the 255 around it if not made yet."""
        if "cards" in self.__dict__:
            return self.cards[position]
        return self._chunk_cards(position // CHUNK_CARDS)[position % CHUNK_CARDS]

    def _chunk_cards(self, number: int) -> tuple[model.Card, ...]:
        made = self._made
        cards = made[number]
        if cards is None:
            start = number * CHUNK_CARDS
            size = min(CHUNK_CARDS, len(self.index[0]) - start)
            body = entry_result(self._chunks[number])
            if not _columns_of_one_length(body, len(_BODY_FIELDS), size):
                # Signed by this program: only a bug in writing it gets here.
                raise pickle.UnpicklingError(f"the bank cache's entry for {self.path} is damaged")
            index = tuple(column[start : start + size] for column in self.index)
            fields = zip((*INDEX_FIELDS, *_BODY_FIELDS), (*index, *body), strict=True)
            cards = made[number] = _fill(self, size, fields)
        return cards

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, model.Deck):
            return NotImplemented
        return _deck_values(self) == _deck_values(other)

    __hash__ = model.Deck.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return model.Deck, _deck_values(self)


def _deck_values(deck: model.Deck) -> tuple[Any, ...]:
    return (deck.id, deck.title, deck.description, deck.path, tuple(deck.cards))


def _fill(
    deck: model.Deck, size: int, columns: Iterable[tuple[str, Any]]
) -> tuple[model.Card, ...]:
    """`size` cards of `deck`, a field at a time by map() over C-level callables: no
    Python runs per card (100,000 cards in 0.08 s, against 0.19 s for a function call
    per card). Each card's file and deck are the deck's own."""
    cards = tuple(map(object.__new__, repeat(model.Card, size)))
    for name, column in columns:
        deque(map(_SLOTS[name].__set__, cards, column), 0)
    deque(map(_SLOTS["file"].__set__, cards, repeat(deck.path)), 0)
    deque(map(_SLOTS["deck"].__set__, cards, repeat(deck.id)), 0)
    return cards


def _cached_deck(
    deck_id: str, title: str, description: str | None, path: Path,
    index: tuple[Any, ...], chunks: tuple[Any, ...],
) -> CachedDeck:  # fmt: skip
    """A deck as `_CardPickler` writes it: for each INDEX_FIELDS name, its value in every
    card, in order; the other fields in chunks of CHUNK_CARDS cards, read when used.
    Every card of a cache is made by CachedDeck, so `_checks_out` need check no card.
    Columns that are not one tuple per field, each of one value per card, or chunks
    that do not cover the cards, fail the load: the cache is a miss."""
    if not (
        type(deck_id) is str
        and isinstance(path, Path)
        and _columns_of_one_length(index, len(INDEX_FIELDS))
        and type(chunks) is tuple
        and len(chunks) == -(-len(index[0]) // CHUNK_CARDS)
        and all(map(is_, map(type, chunks), repeat(bytes)))
    ):
        raise pickle.UnpicklingError("not a cached deck")
    return CachedDeck.read(deck_id, title, description, path, index, chunks)


def _as_parsed(obj: Any) -> bool:
    """A deck as the parser (or this cache) makes them: cards of its file and id."""
    return (
        type(obj) in (model.Deck, CachedDeck)
        and type(obj.cards) is tuple
        and all(
            type(card) is model.Card and card.file is obj.path and card.deck == obj.id
            for card in obj.cards
        )
    )


class _CardPickler(pickle.Pickler):
    """Writes each deck as `_cached_deck` reads it. Equal texts and tuples of texts (a
    source, the tags) are written once and read back as one object (within a chunk,
    for the chunked fields): fewer objects to make on every load."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared: dict[tuple[type, Any], Any] = {}

    def reducer_override(self, obj: Any) -> Any:
        # A deck of another shape (never made by the parser) is pickled as it is, and
        # refused when read back: only `_cached_deck` may make decks and cards.
        if not _as_parsed(obj):
            return NotImplemented
        cards = tuple(obj.cards)
        index = tuple(self._column(cards, name) for name in INDEX_FIELDS)
        chunks = tuple(
            self._chunk(cards[start : start + CHUNK_CARDS])
            for start in range(0, len(cards), CHUNK_CARDS)
        )
        return _cached_deck, (obj.id, obj.title, obj.description, obj.path, index, chunks)

    def _column(self, cards: tuple[model.Card, ...], name: str) -> tuple[Any, ...]:
        return tuple(map(self._one_of, map(attrgetter(name), cards)))

    def _chunk(self, cards: tuple[model.Card, ...]) -> bytes:
        body = tuple(self._column(cards, name) for name in _BODY_FIELDS)
        return pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL)

    def _one_of(self, value: Any) -> Any:
        kind = type(value)
        if kind is str or (kind is tuple and all(type(item) is str for item in value)):
            return self._shared.setdefault((kind, value), value)
        return value


class _ModelUnpickler(pickle.Unpickler):
    """Rebuilds only what an entry is made of: our model's dataclasses and enums,
    decks and their cards by `_cached_deck` only, DeckResult and paths. Anything
    else in the file is refused, not imported."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name == model.__name__ and name not in ("Card", "Deck"):
            found = getattr(model, name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        if module_name == __name__ and name == "_cached_deck":
            return _cached_deck
        if module_name == "interviewprep.bank.library" and name == "DeckResult":
            from interviewprep.bank.library import DeckResult

            return DeckResult
        if module_name == "pathlib" and name in ("PosixPath", "WindowsPath", "PurePosixPath"):
            return super().find_class(module_name, name)
        raise pickle.UnpicklingError(f"{module_name}.{name} is not part of a bank cache")


def _read_key() -> bytes:
    """The signing key, made on first use. Raises OSError."""
    path = key_file()
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    # None yet, or damaged: a new key is put in place whole, so no reader sees half of
    # one. Two processes may race here; the loser's cache then fails its signature once.
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    with atomic_path(path, private=True) as tmp:
        tmp.write_bytes(key)
    return key


def _sign(key: bytes, payload: bytes | memoryview) -> bytes:
    signature = hmac.new(key, MAGIC, hashlib.sha256)
    signature.update(payload)
    return signature.digest()


def _read_entries(key: bytes, code: str) -> dict[str, tuple[str, Any]]:
    """Each entry's path, digest and pickled result: the results are unpickled only
    when a command loads their file (`entry_result`)."""
    data = cache_file().read_bytes()
    head = len(MAGIC) + hashlib.sha256().digest_size
    payload = memoryview(data)[head:]  # not copied: the file may be tens of MB
    if not (
        data.startswith(MAGIC) and hmac.compare_digest(data[len(MAGIC) : head], _sign(key, payload))
    ):
        return {}
    stored = _ModelUnpickler(io.BytesIO(payload)).load()
    if not (isinstance(stored, dict) and stored.get("code") == code):
        return {}
    entries = stored.get("entries")
    return entries if isinstance(entries, dict) else {}


def pickled_result(result: Any) -> bytes:
    buffer = io.BytesIO()
    _CardPickler(buffer).dump(result)
    return buffer.getvalue()


def entry_result(blob: Any) -> Any:
    """An entry's result unpickled (our model only), or None when it is not one."""
    if type(blob) is not bytes:
        return None
    try:
        return _ModelUnpickler(io.BytesIO(blob)).load()
    except Exception:  # damaged or refused: a miss
        return None


def write_entries(key: bytes, code: str, entries: dict[str, tuple[str, Any]]) -> None:
    """Replace the cache file with these entries, signed: each a digest and a result,
    pickled on its own unless it already is (bytes). Raises OSError."""
    entries = {
        name: (entry[0], entry[1] if type(entry[1]) is bytes else pickled_result(entry[1]))
        if type(entry) is tuple and len(entry) == 2
        else entry
        for name, entry in entries.items()
    }
    payload = pickle.dumps({"code": code, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
    # No fsync: a cache torn by a crash fails its signature and is a miss.
    with atomic_path(cache_file(), private=True) as tmp:
        tmp.write_bytes(MAGIC + _sign(key, payload) + payload)


def _checks_out(result: Any, path: Path) -> bool:
    """An entry has the shape of a DeckResult of this path: anything else is a miss.

    Kept to what is cheap, with nothing checked per card: the signature vouches that
    this program wrote the bytes, and every cached card is made by `CachedDeck` with its
    deck's file and id.
    """
    from interviewprep.bank.library import DeckResult

    if not (
        type(result) is DeckResult
        and type(result.problems) is list
        and all(type(p) is model.Problem and p.file == path for p in result.problems)
        and type(result.ids) is list
    ):
        return False
    deck = result.deck
    if deck is None:
        return bool(result.problems) and all(
            type(i) is tuple and len(i) == 2 and type(i[0]) is str and type(i[1]) is int
            for i in result.ids
        )
    return (
        type(deck) is CachedDeck
        and not result.problems
        and not result.ids  # a clean deck's ids are its cards' (DeckResult)
        and deck.path == path
        and deck.id == path.stem
        and type(deck.title) is str
        and (deck.description is None or type(deck.description) is str)
    )


class BankCache:
    """The cache for one command: read once when opened, written once by save()."""

    def __init__(self, key: bytes | None, code: str, entries: dict[str, tuple[str, Any]]):
        self._key = key
        self._code = code
        self._stored = entries
        self._used: dict[str, tuple[str, Any]] = {}
        self._changed = False

    @classmethod
    def open(cls, sections: frozenset[str]) -> BankCache | None:
        """The cache, or None when it is switched off (INTERVIEWPREP_NO_CACHE)."""
        if os.environ.get(DISABLE_ENV):
            return None
        code = code_identity(sections)
        try:
            key = _read_key()
        except OSError:  # a read-only data folder, say: parse everything, write nothing
            return cls(None, code, {})
        try:
            entries = _read_entries(key, code)
        except Exception:  # missing, damaged or foreign: every bank is parsed again
            entries = {}
        return cls(key, code, entries)

    def get(self, path: Path, digest: str) -> DeckResult | None:
        """The entry of this path and content, unpickled now: a command pays for the
        banks it loads, not for every bank the cache holds."""
        entry = self._stored.get(str(path))
        if not (type(entry) is tuple and len(entry) == 2 and entry[0] == digest):
            return None
        result = entry_result(entry[1])
        if not _checks_out(result, path):
            return None
        self._used[str(path)] = entry  # written back as it was read, not pickled again
        return result  # type: ignore[no-any-return]

    def put(self, path: Path, digest: str, result: DeckResult) -> None:
        self._used[str(path)] = (digest, result)
        self._changed = True

    def save(self) -> None:
        """Write the cache if this command parsed anything; failures are ignored."""
        if not self._changed or self._key is None:
            return
        entries = dict(self._used)
        for name, entry in self._stored.items():  # other commands' banks, still there
            if len(entries) >= MAX_ENTRIES:
                break
            if isinstance(name, str) and name not in entries and os.path.exists(name):
                entries[name] = entry
        try:
            write_entries(self._key, self._code, entries)
            self._remove_old_format()
        except OSError:
            pass

    @staticmethod
    def _remove_old_format() -> None:
        """Version 3 kept one pickle per bank file in cache/banks/."""
        old = cache_dir() / "banks"
        if old.is_dir():
            for entry in old.glob(_OLD_ENTRY_NAME):
                entry.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # not empty: not only ours
                old.rmdir()
