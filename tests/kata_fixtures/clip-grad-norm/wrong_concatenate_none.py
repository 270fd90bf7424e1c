# expect: error
import numpy as np


def clip_grad_norm(grads, max_norm):
    # np.concatenate meets None (a frozen parameter): TypeError
    flat = np.concatenate([np.ravel(g) for g in grads])
    total = np.sqrt(np.sum(flat**2))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
