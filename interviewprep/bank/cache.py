"""A cache of parsed and validated banks, keyed by each file's path and content.

Parsing YAML is most of the cost of loading (about 1.6 s for 10,000 cards); a bank
that has not changed since the last run is read back from a pickle instead. The
pickles live in the user's own data folder and are written by this program only.
Any failure to read or write the cache falls back to parsing: it is never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.paths import data_home

if TYPE_CHECKING:
    from interviewprep.bank.library import DeckResult

# Bump when the card model or validation changes, so old pickles are not reused.
CACHE_VERSION = "4"
DISABLE_ENV = "INTERVIEWPREP_NO_CACHE"


def cache_dir() -> Path:
    return data_home() / "cache" / "banks"


def cache_key(path: Path, raw: bytes, sections: frozenset[str]) -> str:
    """<hash of the file's path>-<hash of what it parses to>: one entry per bank file."""
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, "\n".join(sorted(sections))):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(raw)
    return f"{where}-{digest.hexdigest()[:32]}"


def cached(
    path: Path,
    raw: bytes,
    sections: frozenset[str],
    parse: Callable[[Path, bytes, frozenset[str]], DeckResult],
) -> DeckResult:
    if os.environ.get(DISABLE_ENV):
        return parse(path, raw, sections)
    entry = cache_dir() / f"{cache_key(path, raw, sections)}.pickle"
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # a missing, stale or damaged entry just means "parse it"
        pass
    result = parse(path, raw, sections)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(entry)
        prefix = entry.name.split("-")[0]
        for old in entry.parent.glob(f"{prefix}-*.pickle"):  # earlier versions of the file
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return result
