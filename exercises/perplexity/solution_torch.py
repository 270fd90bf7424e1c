import torch


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    log_probs = torch.log_softmax(logits, dim=-1)  # stable: subtracts the max itself
    picked = log_probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)  # (..., T)
    return torch.exp(-picked.mean())
