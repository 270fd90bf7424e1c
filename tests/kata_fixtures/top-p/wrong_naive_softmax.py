# expect: without subtracting the row maximum
import numpy as np


def top_p_filter(logits, p):
    e = np.exp(logits)
    probs = e / e.sum(axis=-1, keepdims=True)
    order = np.argsort(-probs, axis=-1, kind="stable")
    sp = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < p
    keep_sorted[..., 0] = True
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)
