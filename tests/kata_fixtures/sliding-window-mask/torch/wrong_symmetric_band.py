# expect: symmetric band
import torch


def sliding_window_mask(n, window):
    pos = torch.arange(n)
    return (pos[:, None] - pos[None, :]).abs() < window
