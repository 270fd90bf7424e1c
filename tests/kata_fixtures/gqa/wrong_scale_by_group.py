# expect: -
import numpy as np


def grouped_query_attention(q, k, v, causal=False):
    group = q.shape[1] // k.shape[1]
    k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
    # the scale of the concatenated group's width instead of one head's
    scores = q @ np.swapaxes(k, -1, -2) / (q.shape[-1] * group) ** 0.5
    if causal:
        L, S = scores.shape[-2:]
        scores = np.where(np.tril(np.ones((L, S), dtype=bool), S - L), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True) @ v
