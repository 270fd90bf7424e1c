import numpy as np


def layer_norm(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)  # (..., 1): one mean per position
    centered = x - mean
    # Biased variance (divide by d), computed from the centred values: the one-pass
    # E[x^2] - E[x]^2 cancels catastrophically when the mean is large.
    var = (centered**2).mean(axis=-1, keepdims=True)  # (..., 1)
    x_hat = centered / np.sqrt(var + eps)  # eps inside the root keeps near-constant rows finite
    return x_hat * gamma + beta  # (d,) broadcasts over the leading axes
