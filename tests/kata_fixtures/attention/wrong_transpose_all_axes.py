# expect: -
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    # k.T reverses every axis: right only for 2-D inputs.
    scores = (
        q @ k.T / np.sqrt(q.shape[-1])
        if k.ndim == 2
        else np.einsum("...qd,...kd->...qk", q, np.flip(k, axis=-2)) / np.sqrt(q.shape[-1])
    )
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ v
