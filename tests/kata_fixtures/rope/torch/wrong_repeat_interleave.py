# expect: angles repeated element by element
import torch


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    angles = positions.to(torch.float64)[..., None] * inv_freq
    angles = angles.repeat_interleave(2, dim=-1)  # (..., seq, d), pairs [f0, f0, f1, f1, ...]
    return x * angles.cos().to(x.dtype) + rotate_half(x) * angles.sin().to(x.dtype)
