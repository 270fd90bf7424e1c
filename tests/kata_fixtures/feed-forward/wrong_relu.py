# expect: ReLU instead of GELU
import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    return np.maximum(x @ w1 + b1, 0) @ w2 + b2
