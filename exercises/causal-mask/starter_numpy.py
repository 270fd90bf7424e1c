import numpy as np


def causal_mask(n: int) -> np.ndarray:
    """Boolean (n, n) mask: True where query position i may attend to key position j.

    Args:
        n: the sequence length.

    Returns:
        A bool array of shape (n, n).
    """
    raise NotImplementedError
