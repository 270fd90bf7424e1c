# expect: the transpose
import torch


def sliding_window_mask(n, window):
    ones = torch.ones(n, n, dtype=torch.bool)
    return torch.triu(ones) & torch.tril(ones, diagonal=window - 1)
