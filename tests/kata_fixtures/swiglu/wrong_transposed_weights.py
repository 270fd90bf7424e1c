# expect: error; applied as x @ w.T
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    # nn.Linear's layout: weight is (out, in), applied as x @ weight.T
    gate = x @ w_gate.T
    return (gate / (1 + np.exp(-gate)) * (x @ w_up.T)) @ w_down.T
