# expect: zeros where the gradient was None
import numpy as np


def clip_grad_norm(grads, max_norm):
    like = next((g for g in grads if g is not None), np.zeros(1))
    grads = [np.zeros_like(like) if g is None else g for g in grads]
    total = np.sqrt(sum(np.sum(g * g) for g in grads))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
