# expect: h % Hkv
import numpy as np


def grouped_query_attention(q, k, v, causal=False):
    group = q.shape[1] // k.shape[1]
    k = np.tile(k, (1, group, 1, 1))  # like torch's k.repeat(1, group, 1, 1)
    v = np.tile(v, (1, group, 1, 1))
    L, S = q.shape[2], k.shape[2]
    scores = q @ k.transpose(0, 1, 3, 2) / q.shape[-1] ** 0.5
    if causal:
        scores = np.where(np.tril(np.ones((L, S), dtype=bool), S - L), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True) @ v
