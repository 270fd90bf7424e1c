# expect: the squared norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = np.sum([np.sum(g * g) for g in grads if g is not None])
    coef = min(1.0, max_norm / (total + 1e-6))
    return [None if g is None else g * coef for g in grads], total
