# expect: `causal` ignored
import numpy as np


def _softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    b, s, d = x.shape
    dh = d // num_heads
    q, k, v = ((x @ w).reshape(b, s, num_heads, dh).transpose(0, 2, 1, 3) for w in (w_q, w_k, w_v))
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    if False:  # the flag is read but never acted on
        scores = np.where(np.tril(np.ones((s, s), bool)), scores, -np.inf)
    out = _softmax(scores) @ v
    return out.transpose(0, 2, 1, 3).reshape(b, s, d) @ w_o
