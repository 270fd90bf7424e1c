# expect: a softmax taken over axis -2
import numpy as np


def softmax(x, axis=-1):
    axis = -2 if x.ndim > 1 else -1  # "the feature axis is second to last"
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
