# expect: error
import numpy as np


def top_k_filter(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k][..., None]  # IndexError when k > vocab
    return np.where(logits < kth, -np.inf, logits)
