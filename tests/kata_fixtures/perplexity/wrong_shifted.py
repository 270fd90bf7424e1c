# expect: shifted by one position
import numpy as np


def perplexity(logits, targets):
    # next-token prediction: position t predicts token t + 1
    logits, targets = logits[..., :-1, :], targets[..., 1:]
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    return np.exp(-np.take_along_axis(log_probs, targets[..., None], axis=-1).mean())
