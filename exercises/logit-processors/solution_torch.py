import torch


def min_p_filter(logits: torch.Tensor, min_p: float) -> torch.Tensor:
    probs = torch.softmax(logits, dim=-1)  # stable: torch subtracts the row maximum
    top = probs.amax(dim=-1, keepdim=True)  # (..., 1)
    return logits.masked_fill(probs < min_p * top, float("-inf"))  # as MinPLogitsWarper


def repetition_penalty(
    logits: torch.Tensor, prev_ids: torch.Tensor, penalty: float
) -> torch.Tensor:
    seen = torch.gather(logits, 1, prev_ids)  # (batch, n)
    seen = torch.where(seen < 0, seen * penalty, seen / penalty)
    return logits.scatter(1, prev_ids, seen)  # out of place; a repeated id is written once
