# expect: inverted
import numpy as np


def sliding_window_mask(n, window):
    d = np.subtract.outer(np.arange(n), np.arange(n))
    blocked = (d < 0) | (d >= window)
    return blocked
