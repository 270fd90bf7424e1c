import numpy as np


def swiglu(x: np.ndarray, w_gate: np.ndarray, w_up: np.ndarray, w_down: np.ndarray) -> np.ndarray:
    gate = x @ w_gate  # (..., d_ff): the branch that goes through SiLU
    up = x @ w_up  # (..., d_ff): the linear branch it gates
    # sigmoid as 1 / (1 + exp(-z)): for a very negative z, exp(-z) overflows to inf and
    # the sigmoid is 1 / inf = 0, its true limit (never inf / inf = NaN).
    with np.errstate(over="ignore"):
        silu = gate / (1.0 + np.exp(-gate))  # z * sigmoid(z)
    return (silu * up) @ w_down  # (..., d_model)
