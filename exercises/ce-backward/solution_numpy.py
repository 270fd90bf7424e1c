import numpy as np


def softmax_cross_entropy_grad(
    logits: np.ndarray, targets: np.ndarray, ignore_index: int = -100
) -> np.ndarray:
    # d/dlogits of -log softmax(logits)[target] is softmax(logits) - onehot(target).
    m = logits.max(axis=-1, keepdims=True)  # (..., 1)
    e = np.exp(logits - m)  # stable: the shift cancels in the ratio
    probs = e / e.sum(axis=-1, keepdims=True)  # (..., V)
    valid = targets != ignore_index  # (...)
    # Comparing with arange never indexes: an ignored -100 matches no class.
    onehot = np.arange(logits.shape[-1]) == targets[..., None]  # (..., V) bool
    grad = (probs - onehot) * valid[..., None]  # an ignored target's row is 0
    # The loss is the mean over the counted targets, so each row carries 1 / n_valid.
    return grad / int(np.count_nonzero(valid))
