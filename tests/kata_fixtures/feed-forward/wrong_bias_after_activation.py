# expect: b1 added after the activation
import math

import numpy as np


def gelu(z):
    return 0.5 * z * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))


def feed_forward(x, w1, b1, w2, b2):
    return (gelu(x @ w1) + b1) @ w2 + b2
