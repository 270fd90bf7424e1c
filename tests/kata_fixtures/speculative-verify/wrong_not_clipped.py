# expect: clip p_i - q_i at 0
import numpy as np


def _draw(probs, rng):
    cdf = np.cumsum(probs)
    return min(int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right")), len(probs) - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, p_probs[i, x] / q_probs[i, x]):
            out.append(int(x))
            continue
        residual = p_probs[i] - q_probs[i]
        residual = residual / residual[residual > 0].sum()
        # Gumbel-max, as in the sampling kata
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(int(np.argmax(np.log(residual) + rng.gumbel(size=residual.shape))))
        return out
    out.append(_draw(p_probs[len(draft_tokens)], rng))
    return out
