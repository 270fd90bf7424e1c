# expect: positions 0, 1, 2, ... whatever `positions` says
import torch


def apply_rope(x, positions, base=10000.0):
    seq, d = x.shape[-2], x.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    t = torch.arange(seq, dtype=torch.float64)  # the cached table, built for 0..seq-1
    angles = torch.cat([torch.outer(t, inv_freq)] * 2, dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    rotated = torch.cat([-x2, x1], dim=-1)
    return x * angles.cos().to(x.dtype) + rotated * angles.sin().to(x.dtype)
