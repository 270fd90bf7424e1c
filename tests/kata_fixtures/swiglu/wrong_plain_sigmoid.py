# expect: plain sigmoid gate
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    gate = 1 / (1 + np.exp(-(x @ w_gate)))  # the GLU gate
    return (gate * (x @ w_up)) @ w_down
