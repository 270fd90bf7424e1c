import numpy as np


def sliding_window_mask(n: int, window: int) -> np.ndarray:
    """The causal sliding-window attention mask (Mistral, Gemma 2's local layers).

    Entry [i, j] is True iff 0 <= i - j < window: query i sees itself and the
    window - 1 positions before it, never the future.

    Args:
        n: the sequence length (n >= 1).
        window: how many positions each query sees, its own included (window >= 1).

    Returns:
        (n, n), a bool array (True = may attend).
    """
    raise NotImplementedError
