# expect: aligned top-left
import numpy as np


def grouped_query_attention(q, k, v, causal=False):
    group = q.shape[1] // k.shape[1]
    k = np.repeat(k, group, axis=1)
    v = np.repeat(v, group, axis=1)
    scores = q @ np.swapaxes(k, -1, -2) / q.shape[-1] ** 0.5
    if causal:
        L, S = scores.shape[-2:]
        mask = np.tril(np.ones((L, S), dtype=bool))  # is_causal=True does the same
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / w.sum(axis=-1, keepdims=True)) @ v
