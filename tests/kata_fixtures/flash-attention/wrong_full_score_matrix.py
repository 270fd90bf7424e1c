# expect: -
# Right values, but the whole (L, S) matrix of scores: the large case's memory limit fails it.
import numpy as np


def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    s = q @ np.swapaxes(k, -1, -2) / q.shape[-1] ** 0.5
    if causal:
        L, S = s.shape[-2:]
        s = np.where(np.tril(np.ones((L, S), dtype=bool), S - L), s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    p = np.exp(s - m)
    row_sum = p.sum(axis=-1, keepdims=True)
    return p @ v / row_sum, (m + np.log(row_sum))[..., 0]
