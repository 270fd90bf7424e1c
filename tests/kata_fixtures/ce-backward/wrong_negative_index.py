# expect: error; ignored targets used as indices
import numpy as np


def softmax_cross_entropy_grad(logits, targets, ignore_index=-100):
    v = logits.shape[-1]
    flat = logits.reshape(-1, v)
    e = np.exp(flat - flat.max(axis=-1, keepdims=True))
    grad = e / e.sum(axis=-1, keepdims=True)
    grad[np.arange(len(grad)), targets.reshape(-1)] -= 1.0
    return (grad / len(grad)).reshape(logits.shape)
