# expect: ignores the window
import numpy as np


def sliding_window_mask(n, window):
    return np.tril(np.ones((n, n), dtype=bool))
