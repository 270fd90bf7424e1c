import numpy as np


def cross_entropy(
    logits: np.ndarray, targets: np.ndarray, ignore_index: int = -100, reduction: str = "mean"
) -> np.ndarray:
    # Stable log-softmax: the row maximum comes out of the log-sum-exp.
    m = logits.max(axis=-1, keepdims=True)  # (..., 1)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))  # (..., V)
    valid = targets != ignore_index  # (...)
    # An ignored target is never used as an index: numpy would read -100 as class V - 100.
    safe = np.where(valid, targets, 0)
    picked = np.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]  # (...)
    losses = np.where(valid, -picked, 0.0)  # (...): an ignored target costs nothing
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    n_valid = int(np.count_nonzero(valid))  # a Python int keeps float32 float32
    return losses.sum() / n_valid  # the mean over the counted targets only


def lm_loss(logits: np.ndarray, input_ids: np.ndarray) -> np.ndarray:
    # Position t predicts token t + 1: the last position has nothing left to predict and
    # the first token is never predicted.
    return cross_entropy(logits[:, :-1], input_ids[:, 1:])  # (B, T-1, V) against (B, T-1)
