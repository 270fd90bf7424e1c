# expect: along axis 0
import numpy as np


def top_k_filter(logits, k):
    axis = 0  # "the batch of scores": down the columns instead of along each row
    n = logits.shape[axis]
    order = np.argsort(-logits, axis=axis, kind="stable")[: min(k, n)]
    keep = np.zeros(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, True, axis=axis)
    return np.where(keep, logits, -np.inf)
