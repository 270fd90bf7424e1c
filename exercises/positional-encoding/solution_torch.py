import torch


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> torch.Tensor:
    positions = torch.arange(seq_len, dtype=torch.float64)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64)
    angles = positions * 10000.0 ** (-two_i / d_model)  # (seq_len, d_model // 2)
    # Interleave: stack (sin, cos) on a last axis of 2, then flatten the pairs.
    return torch.stack([angles.sin(), angles.cos()], dim=-1).reshape(seq_len, d_model)
