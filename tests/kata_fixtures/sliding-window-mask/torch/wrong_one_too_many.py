# expect: one token too many
import torch


def sliding_window_mask(n, window):
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    return causal & ~torch.ones(n, n, dtype=torch.bool).tril(diagonal=-window - 1)
