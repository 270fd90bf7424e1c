import torch


def lora_forward(
    x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, a: torch.Tensor, b_lora: torch.Tensor,
    alpha: float, r: int,
) -> torch.Tensor:
    scaling = alpha / r  # as peft's LoraLayer: lora_alpha / r
    return x @ w + b + scaling * ((x @ a) @ b_lora)  # (..., out)


def lora_merge(
    w: torch.Tensor, a: torch.Tensor, b_lora: torch.Tensor, alpha: float, r: int
) -> torch.Tensor:
    return w + (alpha / r) * (a @ b_lora)  # (in, out), out of place
