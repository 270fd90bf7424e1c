import torch


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    # (..., d) -> (..., d): [x1, x2] -> [-x2, x1], as Hugging Face's Llama.
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


def apply_rope(x: torch.Tensor, positions: torch.Tensor, base: float = 10000.0) -> torch.Tensor:
    d = x.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)  # (d/2,)
    # float64 angles: torch's default float32 loses milliradians at long positions.
    angles = positions.to(torch.float64)[..., None] * inv_freq  # (..., seq, d/2)
    angles = torch.cat([angles, angles], dim=-1)  # (..., seq, d)
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    return x * cos + rotate_half(x) * sin
