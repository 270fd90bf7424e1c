# expect: changed `grads` in place
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g * g) for g in grads if g is not None)))
    coef = min(1.0, max_norm / (total + 1e-6))
    for g in grads:
        if g is not None:
            g *= coef  # in place, as torch's clip_grad_norm_
    return grads, total
