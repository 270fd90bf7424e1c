# expect: not reproducible
import torch


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    # torch's own sampling: torch.rand and torch.multinomial use torch's global generator
    emitted = []
    for i, x in enumerate(draft_tokens.tolist()):
        if torch.rand(()) < torch.clamp(p_probs[i, x] / q_probs[i, x], max=1.0):
            emitted.append(x)
            continue
        residual = torch.clamp(p_probs[i] - q_probs[i], min=0.0)
        emitted.append(int(torch.multinomial(residual / residual.sum(), 1)))
        return emitted
    emitted.append(int(torch.multinomial(p_probs[len(draft_tokens)], 1)))
    return emitted
