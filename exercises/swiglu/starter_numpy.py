import numpy as np


def swiglu(x: np.ndarray, w_gate: np.ndarray, w_up: np.ndarray, w_down: np.ndarray) -> np.ndarray:
    """The SwiGLU feed-forward block: (silu(x @ w_gate) * (x @ w_up)) @ w_down.

    silu(z) = z * sigmoid(z).

    Args:
        x: (..., d_model).
        w_gate: (d_model, d_ff), the branch that goes through SiLU.
        w_up: (d_model, d_ff), the linear branch.
        w_down: (d_ff, d_model).

    Returns:
        (..., d_model), in the dtype of x.
    """
    raise NotImplementedError
