"""Whether a checked file is the person's own work or a copy of a shipped reference.

A pass unlocks `kata solution` and counts in the statistics, so it must be earned: a
file that is one of the kata's reference solutions, up to formatting and comments, is
graded like any other but not recorded as a pass.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from interviewprep.katas.catalog import TRACKS, Kata


def normalised_digest(text: str) -> str:
    """A hash of the code's syntax tree (layout and comments left out), or of its
    whitespace-collapsed text where it does not parse."""
    try:
        canonical = ast.dump(ast.parse(text))
    except (SyntaxError, ValueError):
        canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def is_reference_copy(kata: Kata, file: Path) -> bool:
    """Whether `file` is, up to layout and comments, a shipped reference of the kata."""
    try:
        mine = normalised_digest(file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return False
    for track in TRACKS:
        try:
            reference = kata.solution(track).read_text(encoding="utf-8")
        except OSError:
            continue
        if normalised_digest(reference) == mine:
            return True
    return False
