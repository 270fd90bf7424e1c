# expect: sqrt(d_v) instead of sqrt(d_k)
import numpy as np


def attend_with_cache(q, k_new, v_new, k_cache, v_cache):
    k = np.concatenate([k_cache, k_new], axis=-2)
    v = np.concatenate([v_cache, v_new], axis=-2)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(v.shape[-1])
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ v, k, v
