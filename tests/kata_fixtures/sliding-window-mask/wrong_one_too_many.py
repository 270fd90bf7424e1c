# expect: one token too many
import numpy as np


def sliding_window_mask(n, window):
    ones = np.ones((n, n), dtype=bool)
    return np.triu(np.tril(ones), -window)  # keeps i - j <= window
