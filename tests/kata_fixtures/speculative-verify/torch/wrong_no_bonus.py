# expect: emits no bonus token
import torch


def _draw(probs, rng):
    cdf = probs.cumsum(dim=0)
    u = torch.tensor([rng.random()], dtype=cdf.dtype) * cdf[-1]
    return min(int(torch.searchsorted(cdf, u, right=True)), probs.numel() - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    emitted = []
    for i, x in enumerate(draft_tokens.tolist()):
        if rng.random() < min(1.0, float(p_probs[i, x] / q_probs[i, x])):
            emitted.append(x)
        else:
            residual = torch.relu(p_probs[i] - q_probs[i])
            emitted.append(_draw(residual / residual.sum(), rng))
            break
    return emitted  # all gamma accepted: stops there, p_gamma never used
