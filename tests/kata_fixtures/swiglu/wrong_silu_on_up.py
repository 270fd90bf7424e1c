# expect: SiLU applied to the up branch
import numpy as np


def silu(z):
    return z / (1 + np.exp(-z))


def swiglu(x, w_gate, w_up, w_down):
    return (x @ w_gate * silu(x @ w_up)) @ w_down
