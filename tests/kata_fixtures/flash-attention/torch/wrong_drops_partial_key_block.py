# expect: last partial block of keys dropped
import math

import torch


def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    scale = 1.0 / math.sqrt(q.shape[-1])
    o = torch.empty((*q.shape[:-1], v.shape[-1]), dtype=q.dtype)
    lse = torch.empty(q.shape[:-1], dtype=q.dtype)
    for i0 in range(0, L, block_q):
        qi = q[..., i0 : i0 + block_q, :] * scale
        bq = qi.shape[-2]
        m = torch.full((*qi.shape[:-1], 1), float("-inf"), dtype=q.dtype)
        row_sum = torch.zeros_like(m)
        acc = torch.zeros((*qi.shape[:-1], v.shape[-1]), dtype=q.dtype)
        for jb in range(S // block_k):  # whole blocks only
            j0 = jb * block_k
            s = qi @ k[..., j0 : j0 + block_k, :].transpose(-2, -1)
            if causal:
                rows = S - L + torch.arange(i0, i0 + bq)[:, None]
                cols = torch.arange(j0, j0 + block_k)[None, :]
                s = s.masked_fill(cols > rows, float("-inf"))
            m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
            alpha = torch.exp(m - m_new)
            p = torch.exp(s - m_new)
            row_sum = alpha * row_sum + p.sum(dim=-1, keepdim=True)
            acc = alpha * acc + p @ v[..., j0 : j0 + block_k, :]
            m = m_new
        o[..., i0 : i0 + bq, :] = acc / row_sum
        lse[..., i0 : i0 + bq] = (m + torch.log(row_sum)).squeeze(-1)
    return o, lse
