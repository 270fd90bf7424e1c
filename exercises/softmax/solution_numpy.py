import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # Subtracting the max leaves softmax unchanged (it cancels in the ratio) and makes
    # the largest exponent exp(0) = 1: no overflow, and the denominator is >= 1.
    shifted = x - np.max(x, axis=axis, keepdims=True)  # same shape as x
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)  # keepdims: broadcasts back over axis
