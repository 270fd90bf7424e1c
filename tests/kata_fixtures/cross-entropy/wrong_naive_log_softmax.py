# expect: without subtracting the row maximum
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    probs = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    valid = targets != ignore_index
    safe = np.where(valid, targets, 0)
    losses = -np.log(np.take_along_axis(probs, safe[..., None], axis=-1)[..., 0])
    losses = np.where(valid, losses, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / int(valid.sum())


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
