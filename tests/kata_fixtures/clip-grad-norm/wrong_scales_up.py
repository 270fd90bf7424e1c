# expect: scaling up below the limit
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g**2) for g in grads if g is not None))
    coef = max_norm / (total + 1e-6)
    return [None if g is None else g * coef for g in grads], total
