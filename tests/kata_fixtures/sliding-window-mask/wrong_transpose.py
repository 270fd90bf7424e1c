# expect: the transpose
import numpy as np


def sliding_window_mask(n, window):
    d = np.arange(n)[None, :] - np.arange(n)[:, None]  # j - i
    return (d >= 0) & (d < window)
