# expect: hard-coded as -100
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    valid = targets >= 0  # -100 marks padding
    picked = np.take_along_axis(log_probs, np.where(valid, targets, 0)[..., None], axis=-1)
    losses = np.where(valid, -picked[..., 0], 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / int(valid.sum())


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
