import numpy as np


def perplexity(logits: np.ndarray, targets: np.ndarray) -> float:
    # Stable log-softmax: the row maximum comes out of the log-sum-exp.
    m = logits.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))  # (..., T, 1)
    log_probs = logits - lse  # (..., T, V)
    picked = np.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]  # (..., T)
    # One mean over every token of every sequence, then one exp.
    return np.exp(-picked.mean())
