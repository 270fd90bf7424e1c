import numpy as np
import torch


def speculative_accept(
    draft_tokens: torch.Tensor, q_probs: torch.Tensor, p_probs: torch.Tensor,
    rng: np.random.Generator,
) -> list[int]:
    """Speculative decoding's verification step (Leviathan et al.; Chen et al.).

    Accept draft token i with probability min(1, p_i[x_i] / q_i[x_i]); at the first
    rejection emit a token drawn from normalise(max(p_i - q_i, 0)) and stop; if all
    gamma drafts are accepted, emit a bonus token drawn from p_gamma.

    Args:
        draft_tokens: (gamma,) integer ids the draft model sampled.
        q_probs: (gamma, V), the draft model's distributions they were drawn from.
        p_probs: (gamma + 1, V), the target model's distributions.
        rng: a numpy Generator, the only source of randomness.

    Returns:
        The emitted tokens as a list of Python ints: the accepted drafts, then one more.
    """
    raise NotImplementedError
