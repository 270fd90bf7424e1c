# expect: error
import numpy as np


def softmax(x, axis=-1):
    # Without keepdims the row sums broadcast against the wrong axis (or not at all).
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis)
