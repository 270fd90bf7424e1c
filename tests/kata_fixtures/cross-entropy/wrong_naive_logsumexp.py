# expect: without subtracting the row maximum
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    log_probs = logits - np.log(np.sum(np.exp(logits), axis=-1, keepdims=True))
    valid = targets != ignore_index
    picked = np.take_along_axis(log_probs, np.where(valid, targets, 0)[..., None], axis=-1)
    losses = np.where(valid, -picked[..., 0], 0.0)
    if reduction == "mean":
        return losses.sum() / int(valid.sum())
    return losses.sum() if reduction == "sum" else losses


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
