# expect: min-p applied to the logits
import numpy as np


def min_p_filter(logits, min_p):
    threshold = min_p * logits.max(axis=-1, keepdims=True)
    return np.where(logits >= threshold, logits, -np.inf)


def repetition_penalty(logits, prev_ids, penalty):
    out = logits.copy()
    rows = np.arange(logits.shape[0])[:, None]
    seen = out[rows, prev_ids]
    out[rows, prev_ids] = np.where(seen < 0, seen * penalty, seen / penalty)
    return out
