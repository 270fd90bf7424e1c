import numpy as np


def softmax_cross_entropy_grad(
    logits: np.ndarray, targets: np.ndarray, ignore_index: int = -100
) -> np.ndarray:
    """The gradient of the mean cross-entropy (see the cross-entropy kata) with respect
    to the logits: (softmax(logits) - onehot(targets)) / n_valid, 0 where ignored.

    Args:
        logits: (..., V).
        targets: (...) int, in [0, V) or equal to ignore_index.
        ignore_index: targets equal to it add nothing and are not counted.

    Returns:
        (..., V), the shape and dtype of logits.
    """
    raise NotImplementedError
