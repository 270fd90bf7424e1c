# expect: tanh GELU in the gate
import numpy as np


def swiglu(x, w_gate, w_up, w_down):
    g = x @ w_gate
    g = 0.5 * g * (1 + np.tanh(np.sqrt(2 / np.pi) * (g + 0.044715 * g**3)))
    return (g * (x @ w_up)) @ w_down
