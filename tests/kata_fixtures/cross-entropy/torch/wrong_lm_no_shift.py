# expect: scored against the token at their own position
import torch


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    log_probs = torch.log_softmax(logits, dim=-1)
    valid = targets != ignore_index
    picked = log_probs.gather(-1, torch.where(valid, targets, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.where(valid, -picked, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / valid.sum()


def lm_loss(logits, input_ids):
    return cross_entropy(logits, input_ids)
