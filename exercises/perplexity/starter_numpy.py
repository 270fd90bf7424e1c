import numpy as np


def perplexity(logits: np.ndarray, targets: np.ndarray) -> float:
    """exp of the mean cross-entropy (natural log) over every token.

    Args:
        logits: (..., T, V), the prediction for each position.
        targets: (..., T) integers in [0, V), aligned with logits (no shift).

    Returns:
        a scalar (0-d array or float).
    """
    raise NotImplementedError
