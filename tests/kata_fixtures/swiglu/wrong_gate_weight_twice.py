# expect: both branches computed with w_gate
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    gate = x @ w_gate
    up = x @ w_gate  # copy-paste slip
    return (gate / (1 + np.exp(-gate)) * up) @ w_down
