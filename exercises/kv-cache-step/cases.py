"""Test specification of the kv-cache-step kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240611)

    def args(lead: tuple[int, ...], cache: int, d_k: int, d_v: int, *, scale: float = 1.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        def draw(length: int, d: int) -> Any:
            return (rng.standard_normal((*lead, length, d)) * scale).astype(dtype)

        return (draw(1, d_k), draw(1, d_k), draw(1, d_v), draw(cache, d_k), draw(cache, d_v))

    return [
        Case("batch (2, L=5, d=4)", args((2,), 5, 4, 4)),
        Case("batch x heads (2, 3, L=6), d_k=6 != d_v=3", args((2, 3), 6, 6, 3)),
        Case("first step: empty cache (L=0)", args((2, 2), 0, 4, 5)),
        Case("cache of one (L=1), d_k=8", args((3,), 1, 8, 8)),
        Case("long cache (1, 2, L=40, d=8)", args((1, 2), 40, 8, 8)),
        Case("large activations (naive softmax overflows)", args((2, 2), 7, 4, 4, scale=30.0)),
        Case("float32 (2, 4, L=9), d_k=16 != d_v=8",
             args((2, 4), 9, 16, 8, dtype=np.float32)),
    ]


def _step(q: Any, k_new: Any, v_new: Any, k_cache: Any, v_cache: Any, *,
          append: str = "end", attend: str = "all", scale: str = "d_k",
          soft: Any = softmax, returned: str = "new") -> Any:
    if append == "front":
        k, v = np.concatenate([k_new, k_cache], -2), np.concatenate([v_new, v_cache], -2)
    else:
        k, v = np.concatenate([k_cache, k_new], -2), np.concatenate([v_cache, v_new], -2)
    keys, values = (k_cache, v_cache) if attend == "old" else (k, v)
    if keys.shape[-2] == 0:
        return None  # nothing to attend to: this variant cannot say anything here
    d = {"d_k": q.shape[-1], "d_v": v.shape[-1], "length": k.shape[-2]}[scale]
    scores = q @ np.swapaxes(keys, -1, -2) / math.sqrt(d)
    out = soft(scores, axis=-1) @ values
    return (out, k_cache, v_cache) if returned == "old" else (out, k, v)


def _variant(**how: Any) -> Any:
    def run(q: Any, k_new: Any, v_new: Any, k_cache: Any, v_cache: Any) -> Any:
        return _step(q, k_new, v_new, k_cache, v_cache, **how)

    return run


def torch_oracle(q: Any, k_new: Any, v_new: Any, k_cache: Any, v_cache: Any) -> Any:
    import torch
    import torch.nn.functional as F
    from torch import from_numpy as t

    k = torch.cat([t(k_cache), t(k_new)], dim=-2)
    v = torch.cat([t(v_cache), t(v_new)], dim=-2)
    out = F.scaled_dot_product_attention(t(q), k, v)  # no mask: the cache is the past
    return out.numpy(), k.numpy(), v.numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches attention over the old cache only: append the new "
                "key and value BEFORE attending, so the token attends to itself",
                _variant(attend="old")),
        Mistake("your caches have the new token at the front: append it at the end of the "
                "sequence axis (oldest first)", _variant(append="front")),
        Mistake("your output matches scores scaled by sqrt(cache length) instead of "
                "sqrt(d_k)", _variant(scale="length")),
        Mistake("your output matches scores scaled by sqrt(d_v) instead of sqrt(d_k)",
                _variant(scale="d_v")),
        Mistake("you return the old caches: return the updated ones, with the new key and "
                "value appended", _variant(returned="old")),
        Mistake("your output matches a softmax without subtracting the row maximum: exp "
                "overflows and gives NaN", _variant(soft=naive_softmax)),
    ],
    torch_oracle=torch_oracle,
)
