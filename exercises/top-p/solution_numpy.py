import numpy as np


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    # Probabilities, stably (logits can be large).
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)  # (..., V)
    order = np.argsort(-probs, axis=-1, kind="stable")  # most likely first
    sorted_probs = np.take_along_axis(probs, order, axis=-1)
    # Probability of the tokens strictly before each one: the token that crosses p
    # still sees less than p before it, so it is kept.
    before = np.cumsum(sorted_probs, axis=-1) - sorted_probs
    keep_sorted = before < p
    keep_sorted[..., 0] = True  # at least one token, whatever p
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)  # back to vocabulary order
    return np.where(keep, logits, -np.inf).astype(logits.dtype)
