import numpy as np


def clip_grad_norm(
    grads: list[np.ndarray | None], max_norm: float
) -> tuple[list[np.ndarray | None], float]:
    present = [g for g in grads if g is not None]  # None: a frozen parameter, no gradient
    # One L2 norm over every entry of every gradient, as if they were one flat vector.
    total_norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in present)))
    scale = min(1.0, max_norm / (total_norm + 1e-6))  # never scaled up below the limit
    # New arrays (g * scale), in each gradient's dtype: the caller's lists are untouched.
    clipped = [None if g is None else g * scale for g in grads]
    return clipped, total_norm
