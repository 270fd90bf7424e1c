import torch


def swiglu(
    x: torch.Tensor, w_gate: torch.Tensor, w_up: torch.Tensor, w_down: torch.Tensor
) -> torch.Tensor:
    gate = x @ w_gate  # (..., d_ff)
    up = x @ w_up  # (..., d_ff)
    return (gate * torch.sigmoid(gate) * up) @ w_down  # silu(gate) * up, back to d_model
