# expect: -
import math

import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    h = x @ w1 + b1
    h = 0.5 * h * (1 + np.vectorize(math.erf)(h))  # forgot the / sqrt(2)
    return h @ w2 + b2
