import math

import torch


def feed_forward(
    x: torch.Tensor, w1: torch.Tensor, b1: torch.Tensor, w2: torch.Tensor, b2: torch.Tensor
) -> torch.Tensor:
    h = x @ w1 + b1  # (..., d_ff)
    gelu = 0.5 * h * (1.0 + torch.erf(h / math.sqrt(2.0)))  # exact GELU, as F.gelu
    return gelu @ w2 + b2
