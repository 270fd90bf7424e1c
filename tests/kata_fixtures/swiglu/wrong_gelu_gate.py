# expect: GELU in the gate
import math

import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    g = x @ w_gate
    g = 0.5 * g * (1 + np.vectorize(math.erf)(g / math.sqrt(2)))
    return (g * (x @ w_up)) @ w_down
