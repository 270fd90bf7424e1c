# expect: -
# Blocks in name only: every block's scores are kept and joined into the (L, S) matrix.
import numpy as np


def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    rows = []
    for i in range(0, L, block_q):
        row = [q[..., i : i + block_q, :] @ np.swapaxes(k[..., j : j + block_k, :], -1, -2)
               for j in range(0, S, block_k)]
        rows.append(np.concatenate(row, axis=-1))
    s = np.concatenate(rows, axis=-2) / q.shape[-1] ** 0.5
    if causal:
        s = np.where(np.tril(np.ones((L, S), dtype=bool), S - L), s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - m)
    return e @ v / e.sum(axis=-1, keepdims=True), m[..., 0] + np.log(e.sum(axis=-1))
