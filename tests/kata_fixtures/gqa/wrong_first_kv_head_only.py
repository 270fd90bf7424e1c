# expect: -
import numpy as np


def grouped_query_attention(q, k, v, causal=False):
    # Multi-query by mistake: every query head uses kv head 0.
    k, v = k[:, :1], v[:, :1]
    scores = q @ np.swapaxes(k, -1, -2) / q.shape[-1] ** 0.5
    if causal:
        L, S = scores.shape[-2:]
        scores = np.where(np.tril(np.ones((L, S), dtype=bool), S - L), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True) @ v
