# expect: follow p_i itself
import torch


def _draw(probs, rng):
    cdf = probs.cumsum(dim=0)
    u = torch.tensor([rng.random()], dtype=cdf.dtype) * cdf[-1]
    return min(int(torch.searchsorted(cdf, u, right=True)), probs.numel() - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    emitted = []
    for i, x in enumerate(draft_tokens.tolist()):
        if rng.random() < min(1.0, (p_probs[i, x] / q_probs[i, x]).item()):
            emitted.append(x)
            continue
        emitted.append(_draw(p_probs[i], rng))  # the target's own distribution
        return emitted
    emitted.append(_draw(p_probs[len(draft_tokens)], rng))
    return emitted
