# expect: ignored targets counted in the denominator
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    mask = targets != ignore_index
    picked = np.take_along_axis(log_probs, np.where(mask, targets, 0)[..., None], axis=-1)
    losses = -picked[..., 0] * mask
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.mean()  # zeros at the ignored targets, so they do not count... or do they?


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
