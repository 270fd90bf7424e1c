"""Test specification of the gqa kata."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240615)

    def qkv(b: int, hq: int, hkv: int, L: int, S: int, d: int, *, scale: float = 1.0,
            dtype: Any = np.float64) -> tuple[Any, ...]:  # fmt: skip
        q = rng.standard_normal((b, hq, L, d)) * scale
        k = rng.standard_normal((b, hkv, S, d)) * scale
        v = rng.standard_normal((b, hkv, S, d))
        return q.astype(dtype), k.astype(dtype), v.astype(dtype)

    causal = {"causal": True}
    return [
        Case("Hq=8, Hkv=2 (groups of 4), L=S=6", qkv(2, 8, 2, 6, 6, 8)),
        Case("Hq=6, Hkv=3 (groups of 2), causal, L=S=5", qkv(2, 6, 3, 5, 5, 4), causal),
        Case("Hkv = Hq = 4 (plain multi-head)", qkv(2, 4, 4, 5, 5, 8)),
        Case("Hkv = 1 (multi-query), Hq=4, causal", qkv(2, 4, 1, 6, 6, 8), causal),
        Case("decoding: L=1, S=9, Hq=4, Hkv=2", qkv(2, 4, 2, 1, 9, 8)),
        Case("decoding with causal=True: L=1, S=9 (the query is the last position)",
             qkv(2, 4, 2, 1, 9, 8), causal),
        Case("causal with L=3 != S=7 (a chunk after 4 cached tokens)",
             qkv(1, 4, 2, 3, 7, 8), causal),
        Case("large scores (naive softmax overflows), Hq=4, Hkv=2, causal",
             qkv(1, 4, 2, 4, 6, 8, scale=30.0), causal),
        Case("float32, Hq=8, Hkv=2, causal, L=4, S=10",
             qkv(2, 8, 2, 4, 10, 16, dtype=np.float32), causal),
    ]


def _gqa(q: Any, k: Any, v: Any, causal: bool = False, *, heads: str = "grouped",
         align: str = "bottom-right", soft: Any = softmax, diagonal: int = 0) -> Any:
    hq, hkv = q.shape[1], k.shape[1]
    L, S = q.shape[2], k.shape[2]
    group = hq // hkv
    if heads == "grouped":  # head h -> kv head h // group
        k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
    else:  # "tiled": head h -> kv head h % Hkv, as torch's .repeat / np.tile give
        k, v = np.tile(k, (1, group, 1, 1)), np.tile(v, (1, group, 1, 1))
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])
    if causal and align != "none":
        offset = S - L if align == "bottom-right" else 0
        allowed = np.tril(np.ones((L, S), dtype=bool), k=offset + diagonal)
        scores = np.where(allowed, scores, -np.inf)
    return soft(scores, axis=-1) @ v


def _variant(**how: Any) -> Callable[..., Any]:
    def run(q: Any, k: Any, v: Any, causal: bool = False) -> Any:
        return _gqa(q, k, v, causal, **how)

    return run


def torch_oracle(q: Any, k: Any, v: Any, causal: bool = False) -> Any:
    import torch
    import torch.nn.functional as F
    from torch import from_numpy as t

    L, S = q.shape[-2], k.shape[-2]
    # An explicit bottom-right mask: is_causal=True aligns top-left when L != S.
    mask = torch.ones(L, S, dtype=torch.bool).tril(diagonal=S - L) if causal else None
    return F.scaled_dot_product_attention(t(q), t(k), t(v), attn_mask=mask,
                                          enable_gqa=True).numpy()  # fmt: skip


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches query head h using key/value head h % Hkv (the heads "
                "tiled, as np.tile or torch's .repeat give): head h uses h // (Hq // Hkv), "
                "so that contiguous groups share one kv head (np.repeat / "
                "repeat_interleave)", _variant(heads="tiled")),
        Mistake("your output matches a causal mask aligned top-left (query i sees keys "
                "j <= i, as tril(ones(L, S)) or torch's is_causal=True give): align it "
                "bottom-right, query i is position S - L + i and sees j <= S - L + i",
                _variant(align="top-left")),
        Mistake("your output matches causal=True ignored: mask the keys after each "
                "query's position", _variant(align="none")),
        Mistake("your output matches a causal mask without its diagonal: a query sees its "
                "own position too (j <= S - L + i, not <)", _variant(diagonal=-1)),
        Mistake("your output matches a softmax without subtracting the row maximum: exp "
                "overflows and gives NaN", _variant(soft=naive_softmax)),
    ],
    torch_oracle=torch_oracle,
)
