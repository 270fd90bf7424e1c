# expect: sigmoid approximation
import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    h = x @ w1 + b1
    return (h / (1 + np.exp(-1.702 * h))) @ w2 + b2
