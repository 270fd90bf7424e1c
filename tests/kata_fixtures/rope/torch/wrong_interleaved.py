# expect: interleaved pairing
import torch


def apply_rope(x, positions, base=10000.0):
    # Meta's original Llama layout: (x0, x1), (x2, x3), ... rotated as complex numbers.
    d = x.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    angles = positions.to(torch.float64)[..., None] * inv_freq  # (..., seq, d/2)
    rot = torch.polar(torch.ones_like(angles), angles)
    pairs = x.to(torch.float64).reshape(*x.shape[:-1], d // 2, 2).contiguous()
    pairs = torch.view_as_complex(pairs)
    out = torch.view_as_real(pairs * rot).reshape(x.shape)
    return out.to(x.dtype)
