import numpy as np


def layer_norm_backward(
    dout: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = x.shape[-1]
    # Recompute the forward pass: biased variance, eps inside the root, as layer_norm.
    mean = x.mean(axis=-1, keepdims=True)  # (..., 1)
    centered = x - mean  # (..., d)
    var = (centered**2).mean(axis=-1, keepdims=True)  # (..., 1), divides by d
    rstd = 1 / np.sqrt(var + eps)  # (..., 1)
    x_hat = centered * rstd  # (..., d)
    # y = x_hat * gamma + beta: gamma and beta are shared by every position, so their
    # gradients sum over all the leading axes.
    dbeta = dout.reshape(-1, d).sum(axis=0)  # (d,)
    dgamma = (dout * x_hat).reshape(-1, d).sum(axis=0)  # (d,)
    # Through x_hat = (x - mean) * rstd, where mean and rstd depend on every x of the
    # row: the two means remove the part of g that moves the mean and the variance.
    g = dout * gamma  # dL/dx_hat, (..., d)
    dx = rstd * (
        g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)
    )
    return dx, dgamma, dbeta
