import math

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # Max subtraction: no overflow, and a row with -inf entries still sums to 1.
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    d_k = q.shape[-1]
    # (..., Lq, d_k) @ (..., d_k, Lk) -> (..., Lq, Lk). sqrt(d_k) keeps the scores' variance
    # near 1 whatever the head size, so the softmax does not saturate.
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)  # blocked keys get weight exactly 0
    weights = softmax(scores, axis=-1)  # over the keys: each query's weights sum to 1
    return weights @ v  # (..., Lq, Lk) @ (..., Lk, d_v) -> (..., Lq, d_v)
