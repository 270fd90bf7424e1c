# expect: causal=True ignored
import numpy as np


def grouped_query_attention(q, k, v, causal=False):
    b, hq, L, d = q.shape
    hkv = k.shape[1]
    # (B, Hkv, group, L, d) against (B, Hkv, 1, S, d): no copy of the keys needed
    qg = q.reshape(b, hkv, hq // hkv, L, d)
    scores = qg @ np.swapaxes(k, -1, -2)[:, :, None] / d ** 0.5
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    w = w / w.sum(axis=-1, keepdims=True)
    return (w @ v[:, :, None]).reshape(b, hq, L, d)
