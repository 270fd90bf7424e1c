# expect: the maximum of the whole array
import numpy as np


def softmax(x, axis=-1):
    # One max for the whole array: stable as long as every row is near it.
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis, keepdims=True)
