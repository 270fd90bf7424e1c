# expect: the ratio inverted
import numpy as np


def _draw(probs, rng):
    cdf = np.cumsum(probs)
    return min(int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right")), len(probs) - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, q_probs[i, x] / p_probs[i, x]):
            out.append(int(x))
            continue
        residual = np.maximum(p_probs[i] - q_probs[i], 0)
        out.append(_draw(residual / residual.sum(), rng))
        return out
    out.append(_draw(p_probs[len(draft_tokens)], rng))
    return out
