import numpy as np


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    """Set every logit below the k-th largest of its row to -inf (ties with it are kept).

    Args:
        logits: (..., vocab).
        k: how many of the largest to keep, >= 1; k >= vocab keeps all.

    Returns:
        (..., vocab), the kept logits unchanged, the others -inf.
    """
    raise NotImplementedError
