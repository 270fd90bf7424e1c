import numpy as np
import torch


def sample(
    logits: torch.Tensor,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> torch.Tensor:
    """Draw one token id per row: temperature, then top-k, then top-p, then sample.

    All randomness from `rng` (a numpy Generator), e.g. torch.from_numpy(rng.random(n)).

    Args:
        logits: (batch, vocab).
        rng: the only source of randomness.
        temperature: 0 means greedy (argmax).
        top_k: keep the k largest logits (ties kept); None = off.
        top_p: keep the nucleus of probability p; None = off.

    Returns:
        (batch,) int64 token ids.
    """
    raise NotImplementedError
