# expect: base^(+2i/d)
import numpy as np


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    freqs = base ** (np.arange(0, d, 2) / d)
    angles = np.concatenate([positions[..., None] * freqs] * 2, axis=-1)
    h = d // 2
    rotated = np.concatenate([-x[..., h:], x[..., :h]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
