import numpy as np


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    """softmax(q k^T / sqrt(d_k)) v, with an optional boolean mask (True = may attend).

    Args:
        q: queries (..., Lq, d_k).
        k: keys (..., Lk, d_k).
        v: values (..., Lk, d_v).
        mask: None, or bool broadcastable to (..., Lq, Lk).

    Returns:
        (..., Lq, d_v)
    """
    raise NotImplementedError
