# expect: the sum of the per-tensor norms
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(sum(np.linalg.norm(g) for g in grads if g is not None))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [None if g is None else g * coef for g in grads], total
