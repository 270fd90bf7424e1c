# expect: -
import numpy as np


def apply_rope(x, positions, base=10000.0):
    # Rotates only the first half and leaves the second half as it was.
    d = x.shape[-1]
    h = d // 2
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = positions[..., None] * inv_freq
    x1, x2 = x[..., :h], x[..., h:]
    first = x1 * np.cos(angles) - x2 * np.sin(angles)
    return np.concatenate([first, x2], axis=-1).astype(x.dtype)
