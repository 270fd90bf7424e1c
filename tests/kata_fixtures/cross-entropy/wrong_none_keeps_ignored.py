# expect: error; keeping a loss where the target is ignored
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    losses = -np.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]
    if reduction == "none":
        return losses
    valid = targets != ignore_index
    total = losses[valid].sum()
    return total if reduction == "sum" else total / int(valid.sum())


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
