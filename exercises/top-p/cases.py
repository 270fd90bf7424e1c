"""Test specification of the top-p kata.

No graded row sits on a floating-point boundary of the nucleus: a row is regenerated
while any cumulative probability is within MARGIN of p, or while tied logits would
straddle the boundary (then the answer would depend on the order of a sort).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake

MARGIN = 1e-4  # far above float32 rounding of a cumulative sum over a few dozen tokens


def keep_mask(logits: Any, p: float, *, reverse_ties: bool = False) -> Any:
    """The nucleus in float64; `reverse_ties` breaks ties the other way round."""
    x = np.asarray(logits, dtype=np.float64)
    probs = softmax(x, axis=-1)
    key = -probs[..., ::-1] if reverse_ties else -probs
    order = np.argsort(key, axis=-1, kind="stable")
    if reverse_ties:
        order = x.shape[-1] - 1 - order
    sorted_probs = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sorted_probs, axis=-1) - sorted_probs < p
    keep_sorted[..., 0] = True
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return keep


def on_boundary(logits: Any, p: float) -> bool:
    """True when rounding or the order of ties could change the nucleus."""
    if p <= 0.0 or p >= 1.0:
        return False
    probs = softmax(np.asarray(logits, dtype=np.float64), axis=-1)
    cumulative = np.cumsum(-np.sort(-probs, axis=-1), axis=-1)[..., :-1]
    if np.any(np.abs(cumulative - p) < MARGIN):
        return True
    return not np.array_equal(keep_mask(logits, p), keep_mask(logits, p, reverse_ties=True))


def _safe(make: Any, p: float) -> Any:
    for _ in range(1000):
        logits = make()
        if not on_boundary(logits, p):
            return logits
    raise RuntimeError("no case away from the nucleus boundary")  # pragma: no cover


def cases() -> list[Case]:
    rng = np.random.default_rng(20240607)

    def case(name: str, shape: tuple[int, ...], p: float, scale: float = 1.5,
             offset: float = 0.0, dtype: Any = np.float64) -> Case:
        def make() -> Any:
            return (offset + rng.standard_normal(shape) * scale).astype(dtype)

        return Case(name, (_safe(make, p), p))

    dominant = np.log(np.array([[0.95, 0.02, 0.015, 0.01, 0.005]]))
    ties = np.array([[2.0, 2.0, 0.0, 0.0, 0.0, -1.0],   # the tied pair is the nucleus
                     [1.0, 3.0, 1.0, 1.0, 1.0, -2.0]])
    assert not on_boundary(ties, 0.6) and not on_boundary(dominant, 0.9)
    return [
        case("1-D row, p=0.9", (10,), 0.9),
        case("batch (4, 20), p=0.5", (4, 20), 0.5),
        case("several leading axes (2, 3, 16), p=0.8", (2, 3, 16), 0.8),
        case("p=0 keeps the single most likely token", (3, 10), 0.0),
        case("p=1 keeps every token", (3, 10), 1.0),
        Case("one dominant token, p=0.9", (dominant, 0.9)),
        case("near-uniform rows, p=0.45", (3, 10), 0.45, scale=0.05),
        case("logits near 1000 (naive softmax overflows), p=0.7", (3, 12), 0.7,
             offset=1000.0),
        Case("ties inside and outside the nucleus, p=0.6", (ties, 0.6)),
        case("vocabulary of 1, p=0.5", (4, 1), 0.5),
        case("float32 (6, 32), p=0.7", (6, 32), 0.7, dtype=np.float32),
    ]


def _apply(logits: Any, keep: Any, fill: float = -np.inf) -> Any:
    return np.where(keep, logits, fill).astype(logits.dtype)


def _sorted_parts(logits: Any, soft: Any = softmax) -> tuple[Any, Any]:
    probs = soft(logits, axis=-1)
    order = np.argsort(-probs, axis=-1, kind="stable")
    return order, np.take_along_axis(probs, order, axis=-1)


def _unsort(keep_sorted: Any, order: Any) -> Any:
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return keep


def _stops_before(logits: Any, p: float) -> Any:
    order, sp = _sorted_parts(logits)
    if np.any(np.abs(np.cumsum(sp, axis=-1) - p) < 1e-6):
        return None  # a cumulative sum at p (p = 1): rounding decides, the variant cannot say
    keep_sorted = np.cumsum(sp, axis=-1) < p
    keep_sorted[..., 0] = True
    return _apply(logits, _unsort(keep_sorted, order))


def _no_minimum(logits: Any, p: float) -> Any:
    order, sp = _sorted_parts(logits)
    return _apply(logits, _unsort(np.cumsum(sp, axis=-1) - sp < p, order))


def _least_likely(logits: Any, p: float) -> Any:
    probs = softmax(logits, axis=-1)
    order = np.argsort(probs, axis=-1, kind="stable")
    sp = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < p
    keep_sorted[..., 0] = True
    return _apply(logits, _unsort(keep_sorted, order))


def _still_sorted(logits: Any, p: float) -> Any:
    order, _ = _sorted_parts(logits)
    sorted_logits = np.take_along_axis(logits, order, axis=-1)
    return _apply(sorted_logits, np.take_along_axis(keep_mask(logits, p), order, axis=-1))


def _zero_fill(logits: Any, p: float) -> Any:
    return _apply(logits, keep_mask(logits, p), fill=0.0)


def _naive(logits: Any, p: float) -> Any:
    order, sp = _sorted_parts(logits, soft=naive_softmax)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < p
    keep_sorted[..., 0] = True
    return _apply(logits, _unsort(keep_sorted, order))


def torch_oracle(logits: Any, p: float) -> Any:
    import torch

    # The body of transformers' TopPLogitsWarper.__call__ (min_tokens_to_keep=1).
    scores = torch.from_numpy(logits)
    sorted_logits, sorted_indices = torch.sort(scores, descending=False)
    cumulative_probs = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    sorted_indices_to_remove = cumulative_probs <= (1 - p)
    sorted_indices_to_remove[..., -1:] = 0
    indices_to_remove = sorted_indices_to_remove.scatter(-1, sorted_indices,
                                                         sorted_indices_to_remove)
    return scores.masked_fill(indices_to_remove, -float("inf")).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output stops before the token that crosses p: keep tokens while the "
                "probability BEFORE them is below p, so the nucleus reaches p", _stops_before),
        Mistake("your output keeps no token when p is small: always keep the most likely "
                "one", _no_minimum),
        Mistake("your output keeps the least likely tokens: sort from most to least likely",
                _least_likely),
        Mistake("your output is still in sorted order: scatter the kept logits back to "
                "their vocabulary positions", _still_sorted),
        Mistake("your output sets removed logits to 0 instead of -inf", _zero_fill),
        Mistake("your output matches a softmax without subtracting the row maximum: exp "
                "overflows and gives NaN", _naive),
    ],
    torch_oracle=torch_oracle,
)
