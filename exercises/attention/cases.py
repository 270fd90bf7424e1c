"""Test specification of the attention kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake


def _with_allowed_key(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Give every query row at least one allowed key: an empty row is never graded."""
    mask = mask.copy()
    rows = ~mask.any(axis=-1)
    for index in zip(*np.nonzero(rows), strict=True):
        mask[(*index, int(rng.integers(mask.shape[-1])))] = True
    return mask


def cases() -> list[Case]:
    rng = np.random.default_rng(20240602)

    def qkv(lead: tuple[int, ...], lq: int, lk: int, dk: int, dv: int,
            scale: float = 1.0, dtype: Any = np.float64) -> tuple[np.ndarray, ...]:
        q = rng.standard_normal((*lead, lq, dk)) * scale
        k = rng.standard_normal((*lead, lk, dk)) * scale
        v = rng.standard_normal((*lead, lk, dv))
        return q.astype(dtype), k.astype(dtype), v.astype(dtype)

    causal = np.tril(np.ones((6, 6), dtype=bool))
    padding = np.ones((2, 1, 1, 7), dtype=bool)
    padding[0, ..., 5:] = False  # sequence 0 has 5 real tokens, sequence 1 has 7
    random_mask = _with_allowed_key(rng.random((2, 3, 5, 7)) < 0.5, rng)
    f32_mask = _with_allowed_key(rng.random((4, 6)) < 0.6, rng)
    return [
        Case("2-D inputs (Lq=Lk=4, d=8)", qkv((), 4, 4, 8, 8)),
        Case("batch (2, 5, 8)", qkv((2,), 5, 5, 8, 8)),
        Case("batch x heads (2, 3, 6, 8)", qkv((2, 3), 6, 6, 8, 8)),
        Case("d_k=8 != d_v=3, Lq=5 != Lk=7", qkv((2,), 5, 7, 8, 3)),
        Case("cross-attention Lq=4, Lk=9", qkv((2, 3), 4, 9, 16, 16)),
        Case("causal mask (6, 6) broadcast over (2, 3)", qkv((2, 3), 6, 6, 8, 4),
             {"mask": causal}),
        Case("key-padding mask (2, 1, 1, 7)", qkv((2, 3), 5, 7, 8, 8), {"mask": padding}),
        Case("random full-shape mask (2, 3, 5, 7)", qkv((2, 3), 5, 7, 8, 6),
             {"mask": random_mask}),
        Case("large scores (naive softmax overflows)", qkv((2,), 5, 5, 8, 8, scale=30.0)),
        Case("float32 with a mask", qkv((2, 3), 4, 6, 16, 8, dtype=np.float32),
             {"mask": f32_mask}),
        Case("one key (Lk=1)", qkv((3,), 4, 1, 8, 5)),
        Case("one query (Lq=1), as when decoding", qkv((2, 3), 1, 7, 8, 8)),
    ]


def _attention(q: Any, k: Any, v: Any, mask: Any = None, *, scale: float | None = None,
               axis: int = -1, soft: Any = softmax, blocked: float = -np.inf) -> Any:
    scale = math.sqrt(q.shape[-1]) if scale is None else scale
    scores = q @ np.swapaxes(k, -1, -2) / scale
    if mask is not None:
        scores = np.where(mask, scores, blocked)
    return soft(scores, axis=axis) @ v


def _sqrt_dv(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, scale=math.sqrt(v.shape[-1]))


def _unscaled(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, scale=1.0)


def _by_dk(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, scale=float(q.shape[-1]))


def _over_queries(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, axis=-2)


def _inverted(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, None if mask is None else ~mask)


def _ignored(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, None)


def _zeroed(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, blocked=0.0)


def _after_softmax(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])
    weights = softmax(scores, axis=-1)
    if mask is not None:
        weights = weights * mask
    return weights @ v


def _naive(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    return _attention(q, k, v, mask, soft=naive_softmax)


def torch_oracle(q: Any, k: Any, v: Any, mask: Any = None) -> Any:
    import torch
    import torch.nn.functional as F

    def t(a: Any) -> Any:
        return None if a is None else torch.from_numpy(a)

    return F.scaled_dot_product_attention(t(q), t(k), t(v), attn_mask=t(mask)).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches attention scaled by sqrt(d_v) instead of sqrt(d_k)",
                _sqrt_dv),
        Mistake("your output matches attention without the 1/sqrt(d_k) scaling", _unscaled),
        Mistake("your output matches attention scaled by d_k instead of sqrt(d_k)", _by_dk),
        Mistake("your output matches a softmax taken over axis -2 (the queries) instead of "
                "the keys", _over_queries),
        Mistake("your output matches the mask convention inverted: True means 'may attend' "
                "(torch's boolean attn_mask), not 'blocked'", _inverted),
        Mistake("your output matches attention with the mask ignored", _ignored),
        Mistake("your output matches blocked scores set to 0 instead of -inf (they still "
                "get weight after the softmax)", _zeroed),
        Mistake("your output matches the mask applied after the softmax without "
                "renormalising: mask the scores before it", _after_softmax),
        Mistake("your output matches a softmax without subtracting the row maximum: exp "
                "overflows and gives NaN", _naive),
    ],
    torch_oracle=torch_oracle,
)
