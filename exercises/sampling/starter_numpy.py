import numpy as np


def sample(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> np.ndarray:
    """Draw one token id per row: temperature, then top-k, then top-p, then sample.

    Args:
        logits: (batch, vocab).
        rng: the only source of randomness.
        temperature: 0 means greedy (argmax).
        top_k: keep the k largest logits (ties kept); None = off.
        top_p: keep the nucleus of probability p; None = off.

    Returns:
        (batch,) integer token ids.
    """
    raise NotImplementedError
