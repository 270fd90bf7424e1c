# expect: an unscaled threshold
import numpy as np


def min_p_filter(logits, min_p):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    return np.where(probs >= min_p, logits, -np.inf)


def repetition_penalty(logits, prev_ids, penalty):
    out = logits.copy()
    rows = np.arange(logits.shape[0])[:, None]
    seen = out[rows, prev_ids]
    out[rows, prev_ids] = np.where(seen < 0, seen * penalty, seen / penalty)
    return out
