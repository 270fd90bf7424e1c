# expect: -
import numpy as np


def sliding_window_mask(n, window):
    mask = np.zeros((n, n), dtype=bool)
    for i in range(n):
        mask[i, i - window + 1 : i + 1] = True  # a negative start wraps round: early rows empty
    return mask
