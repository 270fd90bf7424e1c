import torch


def swiglu(
    x: torch.Tensor, w_gate: torch.Tensor, w_up: torch.Tensor, w_down: torch.Tensor
) -> torch.Tensor:
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
