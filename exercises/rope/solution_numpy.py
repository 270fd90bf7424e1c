import numpy as np


def rotate_half(x: np.ndarray) -> np.ndarray:
    # (..., d) -> (..., d): [x1, x2] -> [-x2, x1], so element i pairs with i + d/2.
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    d = x.shape[-1]
    # One frequency per pair: base^(-2i/d) for i < d/2, from 1 down towards 1/base.
    inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # (d/2,)
    # Angles in float64 whatever x's dtype: at position 100,000 a float32 angle is
    # off by milliradians, which shows in every output digit after the third.
    angles = np.asarray(positions, dtype=np.float64)[..., None] * inv_freq  # (..., seq, d/2)
    angles = np.concatenate([angles, angles], axis=-1)  # (..., seq, d): i and i + d/2 share
    cos, sin = np.cos(angles).astype(x.dtype), np.sin(angles).astype(x.dtype)
    return x * cos + rotate_half(x) * sin  # each pair (i, i + d/2) rotated by its angle
