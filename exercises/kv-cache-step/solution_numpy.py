import math

import numpy as np


def attend_with_cache(
    q: np.ndarray, k_new: np.ndarray, v_new: np.ndarray,
    k_cache: np.ndarray, v_cache: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Append first (the new token attends to itself), along the sequence axis.
    k = np.concatenate([k_cache, k_new], axis=-2)  # (..., L+1, d_k)
    v = np.concatenate([v_cache, v_new], axis=-2)  # (..., L+1, d_v)
    # math.sqrt, a Python float: an np.sqrt scalar is float64 and would promote float32.
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])  # (..., 1, L+1)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))  # stable softmax
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ v, k, v  # (..., 1, d_v) and the updated caches
