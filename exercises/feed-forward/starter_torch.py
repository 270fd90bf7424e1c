import torch


def feed_forward(
    x: torch.Tensor, w1: torch.Tensor, b1: torch.Tensor, w2: torch.Tensor, b2: torch.Tensor
) -> torch.Tensor:
    """GELU(x @ w1 + b1) @ w2 + b2, with the exact (erf) GELU.

    Args:
        x: (..., d_model).
        w1: (d_model, d_ff); b1: (d_ff,).
        w2: (d_ff, d_model); b2: (d_model,).

    Returns:
        (..., d_model)
    """
    raise NotImplementedError
