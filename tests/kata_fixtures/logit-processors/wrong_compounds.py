# expect: once per occurrence
import numpy as np


def min_p_filter(logits, min_p):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    return np.where(probs >= min_p * probs.max(axis=-1, keepdims=True), logits, -np.inf)


def repetition_penalty(logits, prev_ids, penalty):
    out = logits.copy()
    for row, history in enumerate(prev_ids):
        for token in history:
            if out[row, token] < 0:
                out[row, token] *= penalty
            else:
                out[row, token] /= penalty
    return out
