# expect: keeps k + 1 entries
import numpy as np


def top_k_filter(logits, k):
    if k >= logits.shape[-1]:
        return logits.copy()
    kth = np.sort(logits, axis=-1)[..., -k - 1][..., None]  # one too far
    return np.where(logits < kth, -np.inf, logits)
