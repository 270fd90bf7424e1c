# expect: error
import math

import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    # nn.Linear's layout: weight is (out, in), applied as x @ weight.T
    h = x @ w1.T + b1
    h = h * 0.5 * (1 + np.vectorize(math.erf)(h / math.sqrt(2)))
    return h @ w2.T + b2
