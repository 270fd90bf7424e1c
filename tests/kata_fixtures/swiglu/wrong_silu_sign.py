# expect: -
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    gate = x @ w_gate
    silu = gate / (1 + np.exp(gate))  # the sign of the exponent flipped
    return (silu * (x @ w_up)) @ w_down
