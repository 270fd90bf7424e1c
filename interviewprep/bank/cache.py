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

The file is signed with a key kept beside it (HMAC-SHA256) and checked before it is
unpickled; then only our own model classes may be rebuilt, and each entry is checked
for the shape and names its file gives it. A damaged, foreign, tampered or wrongly
shaped cache is a miss, never an error, and `validate` does not read it at all.
This guards against accidents and stale or edited entries, not against someone who
can already write the user's data folder (and with it the key and the store).
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.bank import model
from interviewprep.fsutil import atomic_path
from interviewprep.paths import data_home

if TYPE_CHECKING:
    from interviewprep.bank.library import DeckResult

# Bump when the cache's own format changes; changes to the code that builds entries
# are noticed by themselves (code_identity).
CACHE_VERSION = "5"  # 5: each card pickled as a tuple of its fields
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
    """What, besides a file's path and bytes, decides what it parses to: this code,
    the guide's sections and the Python that pickled it."""
    from interviewprep.bank import library, validate, yamlsafe

    digest = hashlib.sha256()
    for part in (CACHE_VERSION, sys.version, "\n".join(sorted(sections))):
        digest.update(part.encode())
        digest.update(b"\0")
    for module in (model, validate, yamlsafe, library):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no sources beside the code: the package version must do
            from interviewprep import __version__

            digest.update(__version__.encode())
    return digest.hexdigest()


_CARD_FIELDS = tuple(f.name for f in dataclasses.fields(model.Card))
_CARD_FIELD_SET = frozenset(_CARD_FIELDS)


def _card_from_fields(values: tuple[Any, ...]) -> model.Card:
    """A card rebuilt from its field values in declaration order, as `_CardPickler`
    writes it: a tuple per card instead of a dict of 24 names and values, which made
    unpickling 100,000 cards 0.08 s (a third) faster. The result is checked as any entry
    is (`_checks_out`); too few or too many values fail the load (a miss)."""
    card = object.__new__(model.Card)
    card.__dict__.update(zip(_CARD_FIELDS, values, strict=True))
    return card


class _CardPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # A card of another shape (never made by the parser) is pickled as it is, and
        # refused when read back.
        if type(obj) is model.Card and vars(obj).keys() == _CARD_FIELD_SET:
            fields = vars(obj)
            return _card_from_fields, (tuple(fields[name] for name in _CARD_FIELDS),)
        return NotImplemented


class _ModelUnpickler(pickle.Unpickler):
    """Rebuilds only what an entry is made of: our model's dataclasses and enums,
    cards by `_card_from_fields`, DeckResult and paths. Anything else in the file is
    refused, not imported."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name == model.__name__:
            found = getattr(model, name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        if module_name == __name__ and name == "_card_from_fields":
            return _card_from_fields
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


def _sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, MAGIC + payload, hashlib.sha256).digest()


def _read_entries(key: bytes, code: str) -> dict[str, tuple[str, Any]]:
    data = cache_file().read_bytes()
    head = len(MAGIC) + hashlib.sha256().digest_size
    payload = data[head:]
    if not (
        data.startswith(MAGIC) and hmac.compare_digest(data[len(MAGIC) : head], _sign(key, payload))
    ):
        return {}
    stored = _ModelUnpickler(io.BytesIO(payload)).load()
    if not (isinstance(stored, dict) and stored.get("code") == code):
        return {}
    entries = stored.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_entries(key: bytes, code: str, entries: dict[str, tuple[str, Any]]) -> None:
    """Replace the cache file with these entries, signed. Raises OSError."""
    buffer = io.BytesIO()
    _CardPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump({"code": code, "entries": entries})
    payload = buffer.getvalue()
    # No fsync: a cache torn by a crash fails its signature and is a miss.
    with atomic_path(cache_file(), private=True) as tmp:
        tmp.write_bytes(MAGIC + _sign(key, payload) + payload)


def _card_fields() -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(model.Card))


def _checks_out(result: Any, path: Path, card_fields: frozenset[str]) -> bool:
    """An entry has the shape of a DeckResult of this path: anything else is a miss.

    Checked for every card on every load, so kept to what is cheap (0.1 s at 100,000
    cards): the signature already vouches that this program wrote the bytes.
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
    if not (
        type(deck) is model.Deck
        and not result.problems
        and deck.path == path
        and deck.id == path.stem
        and type(deck.title) is str
        and type(deck.cards) is tuple
    ):
        return False
    # One path object is shared by the deck and its cards when parsed, and pickle keeps
    # that sharing, so `is` stands in for a slower comparison of paths.
    file, deck_id = deck.path, deck.id
    return all(
        type(card) is model.Card
        and card.file is file
        and card.deck == deck_id
        and vars(card).keys() == card_fields
        for card in deck.cards
    ) and result.ids == [(card.id, card.line) for card in deck.cards]


class BankCache:
    """The cache for one command: read once when opened, written once by save()."""

    def __init__(self, key: bytes | None, code: str, entries: dict[str, tuple[str, Any]]):
        self._key = key
        self._code = code
        self._stored = entries
        self._used: dict[str, tuple[str, Any]] = {}
        self._changed = False
        self._card_fields = _card_fields()

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
        entry = self._stored.get(str(path))
        if not (type(entry) is tuple and len(entry) == 2 and entry[0] == digest):
            return None
        if not _checks_out(entry[1], path, self._card_fields):
            return None
        self._used[str(path)] = entry
        return entry[1]  # type: ignore[no-any-return]

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
