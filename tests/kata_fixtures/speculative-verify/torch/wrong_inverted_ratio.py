# expect: the ratio inverted
import torch


def _draw(probs, rng):
    cdf = probs.cumsum(dim=0)
    u = torch.tensor([rng.random()], dtype=cdf.dtype) * cdf[-1]
    return min(int(torch.searchsorted(cdf, u, right=True)), probs.numel() - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    gamma = draft_tokens.shape[0]
    emitted = []
    for i in range(gamma):
        x = int(draft_tokens[i])
        ratio = (q_probs[i, x] / p_probs[i, x]).clamp(max=1.0)
        if rng.random() < ratio:
            emitted.append(x)
            continue
        residual = (p_probs[i] - q_probs[i]).clamp(min=0.0)
        emitted.append(_draw(residual / residual.sum(), rng))
        return emitted
    emitted.append(_draw(p_probs[gamma], rng))
    return emitted
