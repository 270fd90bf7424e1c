# expect: sqrt(d_model)
import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    b, s, d = x.shape
    dh = d // num_heads

    def heads(t):
        return t.reshape(b, s, num_heads, dh).transpose(1, 2)

    q, k, v = heads(x @ w_q), heads(x @ w_k), heads(x @ w_v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)  # the model width, not the head's
    if causal:
        allowed = torch.ones(s, s, dtype=torch.bool).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return out.transpose(1, 2).reshape(b, s, d) @ w_o
