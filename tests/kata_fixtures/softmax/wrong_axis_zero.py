# expect: over axis 0 (down the columns)
import numpy as np


def softmax(x, axis=-1):
    # Copied from a column-major tutorial: normalises down the columns.
    e = np.exp(x - x.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
