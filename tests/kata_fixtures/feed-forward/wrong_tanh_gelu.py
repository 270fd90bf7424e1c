# expect: tanh approximation of GELU
import numpy as np


def feed_forward(x, w1, b1, w2, b2):
    h = x @ w1 + b1
    g = 0.5 * h * (1 + np.tanh(np.sqrt(2 / np.pi) * (h + 0.044715 * h**3)))
    return g @ w2 + b2
