# expect: a rotation the wrong way
import numpy as np


def rotate_half(x):
    h = x.shape[-1] // 2
    return np.concatenate([x[..., h:], -x[..., :h]], axis=-1)


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = np.tile(positions[..., None] * inv_freq, 2)
    return (x * np.cos(angles) + rotate_half(x) * np.sin(angles)).astype(x.dtype)
