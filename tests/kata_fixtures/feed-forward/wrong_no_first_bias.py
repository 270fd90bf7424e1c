# expect: without the first bias b1
import math

import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    h = x @ w1
    h = h * 0.5 * (1 + np.vectorize(math.erf)(h / math.sqrt(2)))
    return h @ w2 + b2
