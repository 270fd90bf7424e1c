"""Test specification of the multi-head-attention kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240603)

    def args(batch: int, seq: int, d_model: int, heads: int, *, scale: float = 1.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        x = rng.standard_normal((batch, seq, d_model)) * scale
        # Weights ~ N(0, 1/d_model), as an initialised layer: scores of order 1.
        ws = [rng.standard_normal((d_model, d_model)) / math.sqrt(d_model) for _ in range(4)]
        return (*(a.astype(dtype) for a in (x, *ws)), heads)

    return [
        Case("1 sequence, 2 heads (1, 4, 8)", args(1, 4, 8, 2)),
        Case("3 heads (2, 5, 12)", args(2, 5, 12, 3)),
        Case("4 heads, causal (2, 6, 16)", args(2, 6, 16, 4), {"causal": True}),
        Case("1 head (3, 7, 8)", args(3, 7, 8, 1)),
        Case("d_head = 1 (2, 5, 8, 8 heads)", args(2, 5, 8, 8), {"causal": True}),
        Case("sequence of length 1, causal", args(2, 1, 8, 2), {"causal": True}),
        Case("large activations, causal", args(2, 6, 8, 2, scale=40.0), {"causal": True}),
        Case("float32, 4 heads, causal", args(2, 6, 16, 4, dtype=np.float32), {"causal": True}),
    ]


def _mha(x: Any, w_q: Any, w_k: Any, w_v: Any, w_o: Any, num_heads: int, causal: bool = False,
         *, split: str = "right", scale: str = "head", mask: str = "lower", merge: str = "right",
         project: bool = True, soft: Any = softmax) -> Any:
    b, s, d = x.shape
    h, dh = num_heads, d // num_heads

    def heads_of(t: Any) -> Any:
        if split == "interleaved":  # columns h, h+H, h+2H, ... for head h
            return t.reshape(b, s, dh, h).transpose(0, 3, 1, 2)
        if split == "no-transpose":  # reshape straight to (B, H, S, dh)
            return t.reshape(b, h, s, dh)
        return t.reshape(b, s, h, dh).transpose(0, 2, 1, 3)

    q, k, v = heads_of(x @ w_q), heads_of(x @ w_k), heads_of(x @ w_v)
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(dh if scale == "head" else d)
    if causal and mask != "none":
        allowed = np.tril(np.ones((s, s), dtype=bool))
        scores = np.where(allowed.T if mask == "upper" else allowed, scores, -np.inf)
    out = soft(scores, axis=-1) @ v
    merged = out.reshape(b, s, d) if merge == "no-transpose" else (
        out.transpose(0, 2, 1, 3).reshape(b, s, d))
    return merged @ w_o if project else merged


def _variant(**how: Any) -> Any:
    def run(x: Any, w_q: Any, w_k: Any, w_v: Any, w_o: Any, num_heads: int,
            causal: bool = False) -> Any:
        return _mha(x, w_q, w_k, w_v, w_o, num_heads, causal, **how)

    return run


def _transposed_weights(x: Any, w_q: Any, w_k: Any, w_v: Any, w_o: Any, num_heads: int,
                        causal: bool = False) -> Any:
    return _mha(x, w_q.T, w_k.T, w_v.T, w_o.T, num_heads, causal)


def torch_oracle(x: Any, w_q: Any, w_k: Any, w_v: Any, w_o: Any, num_heads: int,
                 causal: bool = False) -> Any:
    import torch
    import torch.nn.functional as F

    t = torch.from_numpy
    seq, d_model = x.shape[1], x.shape[2]
    # torch computes x @ W^T and wants (seq, batch, d_model); its bool mask is True = blocked.
    blocked = torch.ones(seq, seq, dtype=torch.bool).triu(1) if causal else None
    out, _ = F.multi_head_attention_forward(
        t(x).transpose(0, 1), t(x).transpose(0, 1), t(x).transpose(0, 1), d_model, num_heads,
        in_proj_weight=torch.cat([t(w_q).T, t(w_k).T, t(w_v).T]), in_proj_bias=None,
        bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
        out_proj_weight=t(w_o).T, out_proj_bias=None, training=False, need_weights=False,
        attn_mask=blocked,
    )
    return out.transpose(0, 1).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches scores scaled by sqrt(d_model) instead of sqrt(d_head)",
                _variant(scale="model")),
        Mistake("your output matches heads that take every num_heads-th column: head h "
                "must use the contiguous columns h*d_head:(h+1)*d_head",
                _variant(split="interleaved")),
        Mistake("your output matches (B, S, D) reshaped straight to (B, H, S, d_head): "
                "reshape to (B, S, H, d_head), then transpose", _variant(split="no-transpose")),
        Mistake("your output matches the heads merged without transposing back: go to "
                "(B, S, H, d_head) before reshaping to (B, S, D)",
                _variant(merge="no-transpose")),
        Mistake("your output matches attention without the output projection w_o",
                _variant(project=False)),
        Mistake("your output matches the causal mask transposed: position i must see "
                "j <= i, not j >= i", _variant(mask="upper")),
        Mistake("your output matches attention with `causal` ignored",
                _variant(mask="none")),
        Mistake("your output matches the weights applied as x @ w.T: this kata applies "
                "them as x @ w", _transposed_weights),
        Mistake("your output matches a softmax without subtracting the row maximum: exp "
                "overflows and gives NaN", _variant(soft=naive_softmax)),
    ],
    torch_oracle=torch_oracle,
)
