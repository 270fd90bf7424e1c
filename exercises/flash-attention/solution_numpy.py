import math

import numpy as np


def flash_attention(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    block_q: int = 32,
    block_k: int = 32,
    causal: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    L, S = q.shape[-2], k.shape[-2]
    lead = q.shape[:-2]
    scale = 1.0 / math.sqrt(q.shape[-1])
    o = np.empty((*lead, L, v.shape[-1]), dtype=q.dtype)
    lse = np.empty((*lead, L), dtype=q.dtype)
    for i0 in range(0, L, block_q):  # one block of queries at a time (FlashAttention-2)
        qi = q[..., i0 : i0 + block_q, :] * scale  # (..., bq, d)
        bq = qi.shape[-2]
        m = np.full((*lead, bq, 1), -np.inf, dtype=q.dtype)  # running max of the scores
        row_sum = np.zeros((*lead, bq, 1), dtype=q.dtype)  # l: running sum of exp(s - m)
        acc = np.zeros((*lead, bq, v.shape[-1]), dtype=q.dtype)  # sum of exp(s - m) v
        # Bottom-right causal: query i is position S - L + i; keys after the block's last
        # query are never needed.
        stop = min(S, S - L + i0 + bq) if causal else S
        for j0 in range(0, stop, block_k):  # the last block may be partial
            s = qi @ np.swapaxes(k[..., j0 : j0 + block_k, :], -1, -2)  # (..., bq, bk)
            if causal:
                rows = S - L + np.arange(i0, i0 + bq)[:, None]
                cols = np.arange(j0, j0 + s.shape[-1])[None, :]
                s = np.where(cols <= rows, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            # The first block always holds key 0, which every query sees: m_new is finite.
            alpha = np.exp(m - m_new)  # rescales what was summed under the old max
            p = np.exp(s - m_new)  # (..., bq, bk), at most 1
            row_sum = alpha * row_sum + p.sum(axis=-1, keepdims=True)
            acc = alpha * acc + p @ v[..., j0 : j0 + block_k, :]
            m = m_new
        o[..., i0 : i0 + bq, :] = acc / row_sum
        # log sum exp(s) = m + log sum exp(s - m)
        lse[..., i0 : i0 + bq] = (m + np.log(row_sum))[..., 0]
    return o, lse
