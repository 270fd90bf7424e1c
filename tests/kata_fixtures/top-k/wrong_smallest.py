# expect: the k smallest
import numpy as np


def top_k_filter(logits, k):
    k = min(k, logits.shape[-1])
    idx = np.argsort(logits, axis=-1, kind="stable")[..., :k]
    out = np.full_like(logits, -np.inf)
    np.put_along_axis(out, idx, np.take_along_axis(logits, idx, axis=-1), axis=-1)
    return out
