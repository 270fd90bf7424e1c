# expect: inverted
import torch


def sliding_window_mask(n, window):
    # True where the score gets -inf, ready for masked_fill
    i = torch.arange(n).unsqueeze(1)
    j = torch.arange(n).unsqueeze(0)
    return (j > i) | (i - j >= window)
