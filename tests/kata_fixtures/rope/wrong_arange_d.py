# expect: frequencies from arange(d) / d
import numpy as np


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = 1.0 / (base ** (np.arange(d) / d))  # already d long, so no tiling needed?
    angles = positions[..., None] * inv_freq
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    rotated = np.concatenate([-x2, x1], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
