import numpy as np


def feed_forward(
    x: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray
) -> np.ndarray:
    """GELU(x @ w1 + b1) @ w2 + b2, with the exact (erf) GELU.

    Args:
        x: (..., d_model).
        w1: (d_model, d_ff); b1: (d_ff,).
        w2: (d_ff, d_model); b2: (d_model,).

    Returns:
        (..., d_model)
    """
    raise NotImplementedError
