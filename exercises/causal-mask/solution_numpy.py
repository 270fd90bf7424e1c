import numpy as np


def causal_mask(n: int) -> np.ndarray:
    # Query i sees keys 0..i: the lower triangle, diagonal included (a token sees itself).
    i = np.arange(n)[:, None]  # (n, 1) query positions
    j = np.arange(n)[None, :]  # (1, n) key positions
    return j <= i  # (n, n) bool
