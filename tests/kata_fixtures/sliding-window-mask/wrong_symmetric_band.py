# expect: symmetric band
import numpy as np


def sliding_window_mask(n, window):
    pos = np.arange(n)
    return np.abs(pos[:, None] - pos[None, :]) < window
