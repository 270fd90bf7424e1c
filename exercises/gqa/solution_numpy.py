import math

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))  # no overflow on large scores
    return e / np.sum(e, axis=axis, keepdims=True)


def grouped_query_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False
) -> np.ndarray:
    hq, L, d = q.shape[1], q.shape[2], q.shape[3]
    hkv, S = k.shape[1], k.shape[2]
    group = hq // hkv  # query heads per key/value head
    # Query head h reads key/value head h // group: repeat each kv head `group` times in
    # a row (heads 0..group-1 share kv head 0, ...). (B, Hkv, S, d) -> (B, Hq, S, d)
    k = np.repeat(k, group, axis=1)
    v = np.repeat(v, group, axis=1)
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(d)  # (B, Hq, L, S)
    if causal:
        # Bottom-right: the L queries are the last L of the S positions, so query i sits
        # at position S - L + i and sees keys j <= S - L + i.
        allowed = np.tril(np.ones((L, S), dtype=bool), k=S - L)
        scores = np.where(allowed, scores, -np.inf)
    return softmax(scores, axis=-1) @ v  # (B, Hq, L, S) @ (B, Hq, S, d) -> (B, Hq, L, d)
