# expect: without the 1e-6
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g * g) for g in grads if g is not None)))
    if total > max_norm:
        return [None if g is None else g * (max_norm / total) for g in grads], total
    return [None if g is None else g.copy() for g in grads], total
