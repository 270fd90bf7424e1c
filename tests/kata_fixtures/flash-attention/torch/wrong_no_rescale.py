# expect: accumulator not rescaled by exp(m_old - m_new)
import math

import torch


def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    scale = 1.0 / math.sqrt(q.shape[-1])
    outs, lses = [], []
    for i0 in range(0, L, block_q):
        qi = q[..., i0 : i0 + block_q, :] * scale
        bq = qi.shape[-2]
        m = torch.full((*qi.shape[:-1], 1), float("-inf"), dtype=q.dtype)
        row_sum = torch.zeros_like(m)
        acc = torch.zeros((*qi.shape[:-1], v.shape[-1]), dtype=q.dtype)
        for j0 in range(0, S, block_k):
            s = qi @ k[..., j0 : j0 + block_k, :].mT
            if causal:
                rows = S - L + torch.arange(i0, i0 + bq).unsqueeze(1)
                cols = torch.arange(j0, j0 + s.shape[-1]).unsqueeze(0)
                s = s.masked_fill(cols > rows, float("-inf"))
            m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
            p = torch.exp(s - m_new)
            row_sum = row_sum * torch.exp(m - m_new) + p.sum(dim=-1, keepdim=True)
            acc += p @ v[..., j0 : j0 + block_k, :]  # the old acc is still scaled to the old m
            m = m_new
        outs.append(acc / row_sum)
        lses.append((m + row_sum.log()).squeeze(-1))
    return torch.cat(outs, dim=-2), torch.cat(lses, dim=-1)
