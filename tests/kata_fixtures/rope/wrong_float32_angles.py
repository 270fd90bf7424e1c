# expect: angles computed in float32
import numpy as np


def apply_rope(x, positions, base=10000.0):
    # Everything in x's own dtype: fine in float64, off by milliradians in float32.
    d = x.shape[-1]
    inv_freq = 1.0 / (x.dtype.type(base) ** (np.arange(0, d, 2, dtype=x.dtype) / x.dtype.type(d)))
    angles = positions.astype(x.dtype)[..., None] * inv_freq
    angles = np.concatenate([angles, angles], axis=-1)
    h = d // 2
    rotated = np.concatenate([-x[..., h:], x[..., :h]], axis=-1)
    return x * np.cos(angles) + rotated * np.sin(angles)
