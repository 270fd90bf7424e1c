import numpy as np


def cross_entropy(
    logits: np.ndarray, targets: np.ndarray, ignore_index: int = -100, reduction: str = "mean"
) -> np.ndarray:
    """The cross-entropy of each target under a softmax of its logits, as
    torch.nn.functional.cross_entropy computes it (vocabulary on the last axis).

    Args:
        logits: (..., V).
        targets: (...) int, in [0, V) or equal to ignore_index.
        ignore_index: targets equal to it add nothing and are not counted.
        reduction: "mean" (over the counted targets), "sum" or "none".

    Returns:
        a scalar for "mean" and "sum"; (...) for "none", 0 where ignored.
    """
    raise NotImplementedError


def lm_loss(logits: np.ndarray, input_ids: np.ndarray) -> np.ndarray:
    """The next-token loss: the mean cross-entropy of logits[:, t] against input_ids[:, t + 1].

    Args:
        logits: (B, T, V).
        input_ids: (B, T) int, in [0, V).

    Returns:
        a scalar.
    """
    raise NotImplementedError
