# expect: as numbers
import numpy as np


def sliding_window_mask(n, window):
    ones = np.ones((n, n))
    return np.tril(ones) - np.tril(ones, -window)
