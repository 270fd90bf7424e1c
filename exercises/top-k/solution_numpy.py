import numpy as np


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    vocab = logits.shape[-1]
    if k >= vocab:
        return logits.copy()  # nothing to remove
    # The k-th largest value of each row, kept as (..., 1) to broadcast over the row.
    kth = np.sort(logits, axis=-1)[..., vocab - k][..., None]
    # Remove by value, not by position: entries equal to the k-th value are all kept.
    return np.where(logits < kth, -np.inf, logits).astype(logits.dtype)
