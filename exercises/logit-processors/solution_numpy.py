import numpy as np


def min_p_filter(logits: np.ndarray, min_p: float) -> np.ndarray:
    # Stable softmax of each row (the last axis): subtract the row's own maximum.
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)  # (..., vocab)
    top = probs.max(axis=-1, keepdims=True)  # (..., 1): each row's top probability
    keep = probs >= min_p * top  # "at least": the top token itself always stays
    return np.where(keep, logits, -np.inf).astype(logits.dtype, copy=False)


def repetition_penalty(logits: np.ndarray, prev_ids: np.ndarray, penalty: float) -> np.ndarray:
    out = logits.copy()  # (batch, vocab); the caller's logits stay as they were
    rows = np.arange(logits.shape[0])[:, None]  # (batch, 1), broadcast against prev_ids
    seen = logits[rows, prev_ids]  # (batch, n): the logits of the tokens already seen
    # Hugging Face's rule: both directions make a seen token less likely (for penalty > 1).
    penalised = np.where(seen < 0, seen * penalty, seen / penalty)
    # A repeated id writes the same value several times: penalised once, not per occurrence.
    out[rows, prev_ids] = penalised
    return out
