import torch


def causal_mask(n: int) -> torch.Tensor:
    # Lower triangle including the diagonal: position i attends to 0..i.
    return torch.ones(n, n, dtype=torch.bool).tril()
