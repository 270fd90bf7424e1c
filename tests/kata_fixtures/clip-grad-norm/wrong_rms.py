# expect: a root mean square
import numpy as np


def clip_grad_norm(grads, max_norm):
    present = [g.ravel() for g in grads if g is not None]
    flat = np.concatenate(present) if present else np.zeros(1)
    total = np.sqrt(np.mean(flat**2))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [None if g is None else g * coef for g in grads], total
