# expect: NaN where exp(z) overflows
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    gate = x @ w_gate
    e = np.exp(gate)
    silu = gate * e / (1 + e)
    return (silu * (x @ w_up)) @ w_down
