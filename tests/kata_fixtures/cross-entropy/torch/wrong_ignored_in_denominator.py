# expect: ignored targets counted in the denominator
import torch


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    log_probs = torch.log_softmax(logits, dim=-1)
    valid = targets != ignore_index
    picked = log_probs.gather(-1, torch.where(valid, targets, 0).unsqueeze(-1)).squeeze(-1)
    losses = -picked * valid
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.mean()


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
