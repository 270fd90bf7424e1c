import math

import torch


def multi_head_attention(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    w_o: torch.Tensor,
    num_heads: int,
    causal: bool = False,
) -> torch.Tensor:
    batch, seq, d_model = x.shape
    d_head = d_model // num_heads

    def split_heads(t: torch.Tensor) -> torch.Tensor:
        return t.view(batch, seq, num_heads, d_head).transpose(1, 2)  # (B, H, S, d_head)

    q, k, v = split_heads(x @ w_q), split_heads(x @ w_k), split_heads(x @ w_v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_head)  # (B, H, S, S)
    if causal:
        allowed = torch.ones(seq, seq, dtype=torch.bool).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    heads = torch.softmax(scores, dim=-1) @ v  # (B, H, S, d_head)
    merged = heads.transpose(1, 2).reshape(batch, seq, d_model)
    return merged @ w_o
