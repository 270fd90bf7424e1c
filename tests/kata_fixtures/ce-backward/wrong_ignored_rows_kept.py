# expect: ignored targets' rows kept
import numpy as np


def softmax_cross_entropy_grad(logits, targets, ignore_index=-100):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    grad = e / e.sum(axis=-1, keepdims=True)
    valid = targets != ignore_index
    grad[valid, targets[valid]] -= 1.0  # only the counted targets get their -1
    return grad / int(valid.sum())
