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
import hashlib
import hmac
import io
import os
import pickle
import secrets
import sys
from collections import deque
from itertools import repeat
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
CACHE_VERSION = "8"  # 8: each entry's result pickled on its own, read when used
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
_COLUMN_FIELDS = tuple(name for name in _CARD_FIELDS if name not in _DECK_FIELDS)
# Each field's slot: its __set__ fills one field of a card, from C.
_SLOTS = {name: getattr(model.Card, name) for name in _CARD_FIELDS}


def _deck_from_columns(
    deck_id: str, title: str, description: str | None, path: Path, columns: tuple[Any, ...]
) -> model.Deck:
    """A deck rebuilt from the columns `_CardPickler` writes: for each field but file
    and deck, its value in every card, in order. Every card of a cache is made here,
    all of a deck at once, a field at a time by map() over C-level callables: no Python
    runs per card (100,000 cards in 0.08 s, against 0.19 s for a function call per
    card). Columns that are not one tuple per field, each of one value per card, fail
    the load: the cache is a miss. Each card's file and deck are the deck's own."""
    if not (
        type(deck_id) is str
        and isinstance(path, Path)
        and type(columns) is tuple
        and len(columns) == len(_COLUMN_FIELDS)
        and all(map(is_, map(type, columns), repeat(tuple)))
    ):
        raise pickle.UnpicklingError("not a cached deck")
    size = len(columns[0]) if columns else 0
    if not all(map(eq, map(len, columns), repeat(size))):
        raise pickle.UnpicklingError("the columns of a cached deck differ in length")
    cards = tuple(map(object.__new__, repeat(model.Card, size)))
    for name, column in zip(_COLUMN_FIELDS, columns, strict=True):
        deque(map(_SLOTS[name].__set__, cards, column), 0)
    deque(map(_SLOTS["file"].__set__, cards, repeat(path)), 0)
    deque(map(_SLOTS["deck"].__set__, cards, repeat(deck_id)), 0)
    return model.Deck(deck_id, title, description, path, cards)


def _as_parsed(obj: Any) -> bool:
    """A deck as the parser makes them: a tuple of cards of its file and id."""
    return (
        type(obj) is model.Deck
        and type(obj.cards) is tuple
        and all(
            type(card) is model.Card and card.file is obj.path and card.deck == obj.id
            for card in obj.cards
        )
    )


class _CardPickler(pickle.Pickler):
    """Writes each deck as `_deck_from_columns` reads it. Equal texts and tuples of
    texts (a source, the tags) are written once and read back as one object: fewer
    objects to make on every load."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared: dict[tuple[type, Any], Any] = {}

    def reducer_override(self, obj: Any) -> Any:
        # A deck of another shape (never made by the parser) is pickled as it is, and
        # refused when read back: only `_deck_from_columns` may make decks and cards.
        if not _as_parsed(obj):
            return NotImplemented
        columns = tuple(
            tuple(map(self._one_of, map(attrgetter(name), obj.cards))) for name in _COLUMN_FIELDS
        )
        return _deck_from_columns, (obj.id, obj.title, obj.description, obj.path, columns)

    def _one_of(self, value: Any) -> Any:
        kind = type(value)
        if kind is str or (kind is tuple and all(type(item) is str for item in value)):
            return self._shared.setdefault((kind, value), value)
        return value


class _ModelUnpickler(pickle.Unpickler):
    """Rebuilds only what an entry is made of: our model's dataclasses and enums,
    decks and their cards by `_deck_from_columns` only, DeckResult and paths. Anything
    else in the file is refused, not imported."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name == model.__name__ and name not in ("Card", "Deck"):
            found = getattr(model, name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        if module_name == __name__ and name == "_deck_from_columns":
            return _deck_from_columns
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
    this program wrote the bytes, and every cached card was made by `_deck_from_columns`
    with its deck's file and id.
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
        type(deck) is model.Deck
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
