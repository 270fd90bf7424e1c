import torch


def cross_entropy(
    logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100, reduction: str = "mean"
) -> torch.Tensor:
    log_probs = torch.log_softmax(logits, dim=-1)  # stable: subtracts the max itself
    valid = targets != ignore_index  # (...)
    safe = torch.where(valid, targets, 0)  # gather refuses -100: index class 0 instead
    picked = log_probs.gather(-1, safe.unsqueeze(-1)).squeeze(-1)  # (...)
    losses = torch.where(valid, -picked, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / valid.sum()


def lm_loss(logits: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])  # position t predicts token t + 1
