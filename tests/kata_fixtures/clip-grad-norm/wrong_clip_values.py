# expect: -
import numpy as np


def clip_grad_norm(grads, max_norm):
    # clip_grad_value_ instead: every entry clamped to [-max_norm, max_norm]
    total = float(np.sqrt(sum(np.sum(g * g) for g in grads if g is not None)))
    return [None if g is None else np.clip(g, -max_norm, max_norm) for g in grads], total
