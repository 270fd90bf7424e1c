# expect: keeps k - 1 entries
import numpy as np


def top_k_filter(logits, k):
    vocab = logits.shape[-1]
    if k >= vocab:
        return logits.copy()
    kth = np.sort(logits, axis=-1)[..., min(vocab - k + 1, vocab - 1)][..., None]  # one too far
    return np.where(logits < kth, -np.inf, logits)
