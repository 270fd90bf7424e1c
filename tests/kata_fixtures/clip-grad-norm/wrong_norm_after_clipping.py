# expect: the norm returned after clipping
import numpy as np


def _norm(grads):
    return np.sqrt(sum(np.sum(g**2) for g in grads if g is not None))


def clip_grad_norm(grads, max_norm):
    coef = min(1.0, max_norm / (_norm(grads) + 1e-6))
    grads = [None if g is None else g * coef for g in grads]
    return grads, _norm(grads)
