import numpy as np


def sliding_window_mask(n: int, window: int) -> np.ndarray:
    i = np.arange(n)[:, None]  # (n, 1): the query's position
    j = np.arange(n)[None, :]  # (1, n): the key's position
    # The key is not in the future (i - j >= 0) and among the last `window` positions,
    # the query's own included: i - j = 0, 1, ..., window - 1.
    return (i - j >= 0) & (i - j < window)
