# expect: -
import numpy as np


def clip_grad_norm(grads, max_norm):
    # the frozen parameters vanish from the list: the caller can no longer pair each
    # gradient with its parameter
    grads = [g for g in grads if g is not None]
    total = np.sqrt(sum(np.sum(g * g) for g in grads))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
