# expect: without normalising it
import numpy as np


def _draw(weights, rng):
    # inverse CDF: the first token whose cumulative weight passes u
    cdf = np.cumsum(weights)
    return min(int((cdf <= rng.random()).sum()), len(weights) - 1)


def speculative_accept(draft_tokens, q_probs, p_probs, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, p_probs[i, x] / q_probs[i, x]):
            out.append(int(x))
            continue
        out.append(_draw(np.maximum(p_probs[i] - q_probs[i], 0), rng))
        return out
    out.append(_draw(p_probs[len(draft_tokens)], rng))
    return out
