import numpy as np


def _draw(probs: np.ndarray, rng: np.random.Generator) -> int:
    """One token from `probs` by the inverse CDF: the first index whose cdf passes u."""
    cdf = np.cumsum(probs)
    token = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
    return min(token, probs.size - 1)  # u * cdf[-1] can round up to the last step


def speculative_accept(
    draft_tokens: np.ndarray, q_probs: np.ndarray, p_probs: np.ndarray,
    rng: np.random.Generator,
) -> list[int]:
    gamma = len(draft_tokens)  # draft (gamma,), q (gamma, V), p (gamma + 1, V)
    emitted = []
    for i in range(gamma):
        x = int(draft_tokens[i])
        # Accept with probability min(1, p/q): q_i[x] > 0, since the draft drew x from q_i.
        if rng.random() < min(1.0, p_probs[i, x] / q_probs[i, x]):
            emitted.append(x)
            continue
        # Rejected: draw from the part of p the draft under-covers, and stop. Together
        # with the accepted drafts this makes the token distributed exactly as p_i.
        residual = np.maximum(p_probs[i] - q_probs[i], 0.0)
        emitted.append(_draw(residual / residual.sum(), rng))
        return emitted
    emitted.append(_draw(p_probs[gamma], rng))  # every draft accepted: a bonus token
    return emitted
