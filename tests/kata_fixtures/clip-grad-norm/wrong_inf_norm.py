# expect: the inf-norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    present = [g for g in grads if g is not None]
    total = max((np.max(np.abs(g)) for g in present), default=0.0)
    coef = min(1.0, max_norm / (total + 1e-6))
    return [None if g is None else g * coef for g in grads], total
