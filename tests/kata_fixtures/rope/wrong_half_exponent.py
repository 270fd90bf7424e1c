# expect: the exponent i/d
import numpy as np


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(d // 2) / d)
    angles = positions[..., None] * inv_freq
    angles = np.concatenate([angles, angles], axis=-1)
    x1, x2 = np.split(x, 2, axis=-1)
    out = x * np.cos(angles) + np.concatenate([-x2, x1], axis=-1) * np.sin(angles)
    return out.astype(x.dtype)
