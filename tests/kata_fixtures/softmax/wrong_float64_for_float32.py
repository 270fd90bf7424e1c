# expect: returned float64 for float32 inputs
import numpy as np


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)  # "to be safe": float32 comes back as float64
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
