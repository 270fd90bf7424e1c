# expect: without + m
import numpy as np


def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    o = np.zeros(q.shape[:-1] + v.shape[-1:], dtype=q.dtype)
    lse = np.zeros(q.shape[:-1], dtype=q.dtype)
    for i in range(0, L, block_q):
        qb = q[..., i : i + block_q, :] / q.shape[-1] ** 0.5
        m = np.full((*qb.shape[:-1], 1), -np.inf, dtype=q.dtype)
        row_sum = np.zeros_like(m)
        acc = np.zeros(qb.shape[:-1] + v.shape[-1:], dtype=q.dtype)
        for j in range(0, S, block_k):
            s = qb @ np.swapaxes(k[..., j : j + block_k, :], -1, -2)
            if causal:
                qpos = S - L + np.arange(i, i + qb.shape[-2])[:, None]
                kpos = np.arange(j, j + s.shape[-1])[None, :]
                s = np.where(kpos <= qpos, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            p = np.exp(s - m_new)
            row_sum = row_sum * np.exp(m - m_new) + p.sum(axis=-1, keepdims=True)
            acc = acc * np.exp(m - m_new) + p @ v[..., j : j + block_k, :]
            m = m_new
        o[..., i : i + block_q, :] = acc / row_sum
        lse[..., i : i + block_q] = np.log(row_sum)[..., 0]
    return o, lse
