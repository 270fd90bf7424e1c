# expect: -
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100, reduction="mean"):
    # flatten to (N, V) and (N,), as torch's cross_entropy wants them
    v = logits.shape[-1]
    logits, targets = logits.reshape(-1, v), targets.reshape(-1)
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    valid = targets != ignore_index
    losses = np.zeros(len(targets), dtype=logits.dtype)
    losses[valid] = -log_probs[np.flatnonzero(valid), targets[valid]]
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / int(valid.sum())


def lm_loss(logits, input_ids):
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])
