# expect: per-tensor clipping
import numpy as np


def clip_grad_norm(grads, max_norm):
    clipped = []
    sq = 0.0
    for g in grads:
        if g is None:
            clipped.append(None)
            continue
        norm = np.linalg.norm(g)
        sq += norm**2
        clipped.append(g * min(1.0, max_norm / (norm + 1e-6)))
    return clipped, float(np.sqrt(sq))
