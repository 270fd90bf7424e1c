import numpy as np
import torch


def _draw(probs: torch.Tensor, rng: np.random.Generator) -> int:
    cdf = torch.cumsum(probs, dim=0)
    u = torch.tensor([rng.random()], dtype=cdf.dtype) * cdf[-1]
    return min(int(torch.searchsorted(cdf, u, right=True)), probs.numel() - 1)


def speculative_accept(
    draft_tokens: torch.Tensor, q_probs: torch.Tensor, p_probs: torch.Tensor,
    rng: np.random.Generator,
) -> list[int]:
    gamma = len(draft_tokens)
    emitted = []
    for i in range(gamma):
        x = int(draft_tokens[i])
        ratio = float(p_probs[i, x] / q_probs[i, x])
        if rng.random() < min(1.0, ratio):  # randomness from rng, not torch's generator
            emitted.append(x)
            continue
        residual = torch.clamp(p_probs[i] - q_probs[i], min=0.0)
        emitted.append(_draw(residual / residual.sum(), rng))
        return emitted
    emitted.append(_draw(p_probs[gamma], rng))
    return emitted
