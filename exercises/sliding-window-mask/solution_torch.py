import torch


def sliding_window_mask(n: int, window: int) -> torch.Tensor:
    distance = torch.arange(n)[:, None] - torch.arange(n)[None, :]  # (n, n): i - j
    return (distance >= 0) & (distance < window)  # itself and window - 1 before it
