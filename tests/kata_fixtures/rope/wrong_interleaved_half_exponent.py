# expect: -
# Interleaved AND the exponent i/d: no catalogued variant is both; the judged cases
# (property cases, float32) still name the interleaved pairing from the rotation itself.
import numpy as np


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    theta = 1.0 / base ** (np.arange(d // 2) / d)
    angles = np.asarray(positions)[..., None] * theta
    cos = np.repeat(np.cos(angles), 2, axis=-1)
    sin = np.repeat(np.sin(angles), 2, axis=-1)
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    rotated = np.empty_like(x)
    rotated[..., 0::2] = -x_odd
    rotated[..., 1::2] = x_even
    return (x * cos + rotated * sin).astype(x.dtype)
