import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities along `axis`: exp(x) / sum(exp(x)), computed without overflow.

    Args:
        x: scores of any shape.
        axis: the axis that sums to 1 (negative counts from the end).

    Returns:
        An array with the shape and dtype of `x`.
    """
    raise NotImplementedError
