# expect: positions 0, 1, 2, ... whatever `positions` says
import numpy as np


def apply_rope(x, positions, base=10000.0):
    seq, d = x.shape[-2], x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = np.outer(np.arange(seq), inv_freq)  # (seq, d/2)
    angles = np.concatenate([angles, angles], axis=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    rotated = np.concatenate([-x2, x1], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
