import numpy as np


def rms_norm(x: np.ndarray, gamma: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Divide each position by the root mean square of its last axis, then scale by gamma.

    Args:
        x: (..., d).
        gamma: (d,) scale.
        eps: added to the mean of squares inside the square root.

    Returns:
        (..., d)
    """
    raise NotImplementedError
