import math

import torch


def grouped_query_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, causal: bool = False
) -> torch.Tensor:
    L, S = q.shape[-2], k.shape[-2]
    group = q.shape[1] // k.shape[1]
    # Head h reads kv head h // group: repeat_interleave, not repeat (which tiles).
    k = k.repeat_interleave(group, dim=1)  # (B, Hq, S, d)
    v = v.repeat_interleave(group, dim=1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (B, Hq, L, S)
    if causal:
        # Bottom-right alignment: query i is position S - L + i.
        allowed = torch.ones(L, S, dtype=torch.bool).tril(diagonal=S - L)
        scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v  # (B, Hq, L, d)
