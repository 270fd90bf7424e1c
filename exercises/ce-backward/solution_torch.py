import torch


def softmax_cross_entropy_grad(
    logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100
) -> torch.Tensor:
    probs = torch.softmax(logits, dim=-1)  # (..., V), stable
    valid = targets != ignore_index  # (...)
    onehot = torch.arange(logits.shape[-1]) == targets.unsqueeze(-1)  # (..., V) bool
    grad = (probs - onehot.to(probs.dtype)) * valid.unsqueeze(-1)
    return grad / valid.sum()
