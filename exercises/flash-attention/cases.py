"""Test specification of the flash-attention kata.

The large case limits what the call may hold at once (Case.peak_memory, numpy track):
three quarters of one (L, S) float64 score matrix, 24 MiB, so that holding the scores
whole fails however carefully it is done (in place, one matrix: 32 MiB), while the
reference (about 3 MiB) and the other loop orders pass: a block of queries against
every key, (block_q, S), or every query against a block of keys, (L, block_k), hold
about 17 MiB with their temporaries at blocks of 256. Large blocks keep the
reference's matrix products few: the grader computes it in its own process.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

LARGE = 2048  # L = S of the large case: its (L, S) float64 scores are 32 MiB
PEAK_LIMIT = LARGE * LARGE * 8 * 3 // 4


def cases() -> list[Case]:
    rng = np.random.default_rng(20240616)

    def qkv(lead: tuple[int, ...], L: int, S: int, d: int, dv: int | None = None, *,
            scale: float = 1.0, dtype: Any = np.float64) -> tuple[Any, ...]:  # fmt: skip
        q = rng.standard_normal((*lead, L, d)) * scale
        k = rng.standard_normal((*lead, S, d)) * scale
        v = rng.standard_normal((*lead, S, dv or d))
        return q.astype(dtype), k.astype(dtype), v.astype(dtype)

    def blocks(bq: int, bk: int, causal: bool = False) -> dict[str, Any]:
        return {"block_q": bq, "block_k": bk, **({"causal": True} if causal else {})}

    # Every score of a row near -1000: exp(s - 0) underflows to 0 in float64.
    u = rng.standard_normal(16)
    u /= np.linalg.norm(u)
    q_neg = -np.sqrt(1000 * 4) * np.tile(u, (2, 12, 1)) + 0.01 * rng.standard_normal((2, 12, 16))
    k_neg = np.sqrt(1000 * 4) * np.tile(u, (2, 40, 1)) + 0.01 * rng.standard_normal((2, 40, 16))
    v_neg = rng.standard_normal((2, 40, 8))
    return [
        Case("(2, 3) heads, L=S=64, d=16, blocks 16 x 16", qkv((2, 3), 64, 64, 16),
             blocks(16, 16)),
        Case("S=50, L=40: neither a multiple of the blocks 16 x 16", qkv((2,), 40, 50, 8),
             blocks(16, 16)),
        Case("default blocks (32 x 32), L=S=100", qkv((2,), 100, 100, 8)),
        Case("blocks of 1 (L=5, S=7)", qkv((2,), 5, 7, 4), blocks(1, 1)),
        Case("blocks larger than S (128 x 128, L=12, S=20)", qkv((2,), 12, 20, 8),
             blocks(128, 128)),
        Case("rows of very negative scores (near -1000), blocks 8 x 16",
             (q_neg, k_neg, v_neg), blocks(8, 16)),
        Case("d=32 != dv=8, L=24, S=40, blocks 8 x 8", qkv((3,), 24, 40, 32, 8), blocks(8, 8)),
        Case("causal, L=S=48, blocks 16 x 16", qkv((2, 2), 48, 48, 8), blocks(16, 16, True)),
        Case("causal with L=10 != S=37 (bottom-right), blocks 4 x 8", qkv((2,), 10, 37, 8),
             blocks(4, 8, True)),
        Case("causal decoding step: L=1, S=70, blocks 1 x 16", qkv((2, 2), 1, 70, 8),
             blocks(1, 16, True)),
        Case("no leading axes: q (20, 8), k (30, 8), blocks 8 x 8", qkv((), 20, 30, 8),
             blocks(8, 8)),
        Case("float32, causal, L=S=40, blocks 16 x 16",
             qkv((2, 2), 40, 40, 16, dtype=np.float32), blocks(16, 16, True)),
        Case(f"large: L=S={LARGE}, d=64, blocks 256 x 256, at most {PEAK_LIMIT // 2**20} MiB "
             f"held at once (the full (L, S) scores are {LARGE * LARGE * 8 // 2**20} MiB)",
             qkv((), LARGE, LARGE, 64), blocks(256, 256), peak_memory=PEAK_LIMIT),
    ]


# -- the reference and its mistaken variants ----------------------------------------------


def _flash(q: Any, k: Any, v: Any, block_q: int = 32, block_k: int = 32,
           causal: bool = False, *, rescale: bool = True, m0: float = -np.inf,
           keep_partial_k: bool = True, keep_partial_q: bool = True, plus_m: bool = True,
           align: str = "bottom-right", normalise: bool = True) -> Any:  # fmt: skip
    L, S = q.shape[-2], k.shape[-2]
    lead = q.shape[:-2]
    offset = S - L if align == "bottom-right" else 0
    o = np.zeros((*lead, L, v.shape[-1]), dtype=q.dtype)
    lse = np.zeros((*lead, L), dtype=q.dtype)
    q_end = L if keep_partial_q else L - L % block_q
    k_end = S if keep_partial_k else S - S % block_k
    for i0 in range(0, q_end, block_q):
        qi = q[..., i0 : i0 + block_q, :] / math.sqrt(q.shape[-1])
        bq = qi.shape[-2]
        m = np.full((*lead, bq, 1), m0, dtype=q.dtype)
        row_sum = np.zeros((*lead, bq, 1), dtype=q.dtype)
        acc = np.zeros((*lead, bq, v.shape[-1]), dtype=q.dtype)
        for j0 in range(0, k_end, block_k):
            s = qi @ np.swapaxes(k[..., j0 : j0 + block_k, :], -1, -2)
            if causal:
                rows = offset + np.arange(i0, i0 + bq)[:, None]
                cols = np.arange(j0, j0 + s.shape[-1])[None, :]
                s = np.where(cols <= rows, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            alpha = np.exp(m - m_new)
            alpha = np.where(np.isnan(alpha), 0.0, alpha)  # -inf - -inf: nothing summed yet
            p = np.exp(s - m_new)
            p = np.where(np.isnan(p), 0.0, p)
            row_sum = alpha * row_sum + p.sum(axis=-1, keepdims=True)
            acc = (alpha * acc if rescale else acc) + p @ v[..., j0 : j0 + block_k, :]
            m = m_new
        o[..., i0 : i0 + bq, :] = acc / row_sum if normalise else acc
        lse[..., i0 : i0 + bq] = ((m if plus_m else 0.0) + np.log(row_sum))[..., 0]
    return o, lse


def _variant(**how: Any) -> Callable[..., Any]:
    def run(q: Any, k: Any, v: Any, block_q: int = 32, block_k: int = 32,
            causal: bool = False) -> Any:  # fmt: skip
        return _flash(q, k, v, block_q, block_k, causal, **how)

    return run


def torch_oracle(q: Any, k: Any, v: Any, block_q: int = 32, block_k: int = 32,
                 causal: bool = False) -> Any:  # fmt: skip
    """Whole-matrix attention and torch.logsumexp (the blocks change nothing)."""
    import torch
    import torch.nn.functional as F
    from torch import from_numpy as t

    L, S = q.shape[-2], k.shape[-2]
    scores = t(q) @ t(k).transpose(-2, -1) / math.sqrt(q.shape[-1])
    mask = torch.ones(L, S, dtype=torch.bool).tril(diagonal=S - L) if causal else None
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    o = F.scaled_dot_product_attention(t(q), t(k), t(v), attn_mask=mask)
    return o.numpy(), torch.logsumexp(scores, dim=-1).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches the accumulator not rescaled by exp(m_old - m_new) when "
                "the running max grows: rescale it as you rescale the running sum l",
                _variant(rescale=False)),
        Mistake("your output matches the running max started at 0 instead of -inf: when "
                "every score of a row is far below 0, exp(s - 0) underflows to 0 and the "
                "row becomes 0/0", _variant(m0=0.0)),
        Mistake("your output matches the last partial block of keys dropped: when S is not "
                "a multiple of block_k the final block is shorter, not absent",
                _variant(keep_partial_k=False)),
        Mistake("your output matches the last partial block of queries dropped (those rows "
                "stay 0): the final block of queries is shorter, not absent",
                _variant(keep_partial_q=False)),
        Mistake("your lse matches log(l) without + m: l sums exp(s - m), so "
                "log-sum-exp(s) = m + log(l)", _variant(plus_m=False)),
        Mistake("your output matches a causal mask aligned top-left (query i sees keys "
                "j <= i): align it bottom-right, query i is position S - L + i",
                _variant(align="top-left")),
        Mistake("your output matches the accumulator not divided by l at the end: o is "
                "acc / l", _variant(normalise=False)),
    ],
    torch_oracle=torch_oracle,
)
