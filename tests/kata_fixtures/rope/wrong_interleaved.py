# expect: interleaved pairing
import numpy as np


def apply_rope(x, positions, base=10000.0):
    # The RoFormer paper's layout: (x0, x1), (x2, x3), ... each rotated as a complex number.
    d = x.shape[-1]
    theta = base ** (-np.arange(0, d, 2) / d)
    angles = np.asarray(positions)[..., None] * theta
    pairs = x.reshape(*x.shape[:-1], d // 2, 2)
    z = (pairs[..., 0] + 1j * pairs[..., 1]) * np.exp(1j * angles)
    out = np.stack([z.real, z.imag], axis=-1).reshape(x.shape)
    return out.astype(x.dtype)
