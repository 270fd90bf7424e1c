import math

import torch


def flash_attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    block_q: int = 32,
    block_k: int = 32,
    causal: bool = False,
) -> tuple[torch.Tensor, torch.Tensor]:
    L, S = q.shape[-2], k.shape[-2]
    lead = q.shape[:-2]
    scale = 1.0 / math.sqrt(q.shape[-1])
    o = q.new_empty((*lead, L, v.shape[-1]))
    lse = q.new_empty((*lead, L))
    for i0 in range(0, L, block_q):
        qi = q[..., i0 : i0 + block_q, :] * scale  # (..., bq, d)
        bq = qi.shape[-2]
        m = q.new_full((*lead, bq, 1), float("-inf"))  # running max
        row_sum = q.new_zeros((*lead, bq, 1))  # running sum of exp(s - m)
        acc = q.new_zeros((*lead, bq, v.shape[-1]))  # running sum of exp(s - m) v
        stop = min(S, S - L + i0 + bq) if causal else S
        for j0 in range(0, stop, block_k):
            s = qi @ k[..., j0 : j0 + block_k, :].transpose(-2, -1)  # (..., bq, bk)
            if causal:
                rows = S - L + torch.arange(i0, i0 + bq)[:, None]
                cols = torch.arange(j0, j0 + s.shape[-1])[None, :]
                s = s.masked_fill(cols > rows, float("-inf"))
            m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
            alpha = torch.exp(m - m_new)  # rescale the old sums to the new max
            p = torch.exp(s - m_new)
            row_sum = alpha * row_sum + p.sum(dim=-1, keepdim=True)
            acc = alpha * acc + p @ v[..., j0 : j0 + block_k, :]
            m = m_new
        o[..., i0 : i0 + bq, :] = acc / row_sum
        lse[..., i0 : i0 + bq] = (m + torch.log(row_sum))[..., 0]
    return o, lse
