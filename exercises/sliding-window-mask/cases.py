"""Test specification of the sliding-window-mask kata."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

SIZES = [
    ("one token (n=1, window=1)", 1, 1),
    ("window 1: each token sees only itself (n=6)", 6, 1),
    ("window 2 (n=6)", 6, 2),
    ("window 3 (n=8)", 8, 3),
    ("window 4 (n=10)", 10, 4),
    ("window = n: the causal mask (n=5)", 5, 5),
    ("window > n: still the causal mask (n=4, window=10)", 4, 10),
    ("n=33, window=8", 33, 8),
    ("n=64, window=16", 64, 16),
]


def cases() -> list[Case]:
    return [Case(name, (n, window), exact=True) for name, n, window in SIZES]


def _mask(n: int, window: int, *, low: int = 0, high: int | None = None,
          symmetric: bool = False, transpose: bool = False, invert: bool = False,
          dtype: Any = bool) -> Any:  # fmt: skip
    """True where low <= i - j < high (high defaults to window)."""
    distance = np.arange(n)[:, None] - np.arange(n)[None, :]
    if transpose:
        distance = -distance
    if symmetric:
        distance = np.abs(distance)
    keep = (distance >= low) & (distance < (window if high is None else high))
    return (~keep if invert else keep).astype(dtype)


def _variant(**how: Any) -> Callable[..., Any]:
    def run(n: int, window: int) -> Any:
        if "extra" in how:
            return _mask(n, window, high=window + how["extra"])
        return _mask(n, window, **how)

    return run


_NUMBERS = "right pattern, but as numbers: return a boolean array (dtype bool)"
SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your mask admits one token too many: i - j may be 0, 1, ..., window - 1 "
                "(the token itself counts as one of the window), not up to window",
                _variant(extra=1)),
        Mistake("your mask admits one token too few: the window includes the token itself, "
                "so i - j < window, not < window - 1", _variant(extra=-1)),
        Mistake("your mask is a symmetric band (|i - j| < window): it lets tokens see the "
                "future; only keys at or before the query, 0 <= i - j", _variant(symmetric=True)),
        Mistake("your mask is the transpose: True where 0 <= j - i < window looks at the "
                "future; use i - j (query row minus key column)", _variant(transpose=True)),
        Mistake("your mask is inverted: here True means 'may attend' (torch's boolean "
                "attn_mask convention), not 'blocked'", _variant(invert=True)),
        Mistake("your mask ignores the window: that is the plain causal mask; keep only the "
                "last `window` positions", _variant(high=10**9)),
        Mistake(_NUMBERS, _variant(dtype=np.float64)),
        Mistake(_NUMBERS, _variant(dtype=np.int64)),
    ],
)
