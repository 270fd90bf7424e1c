# expect: transpose
import torch


def causal_mask(n: int) -> torch.Tensor:
    return torch.ones(n, n, dtype=torch.bool).triu()  # the upper triangle: sees the future
