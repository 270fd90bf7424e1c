# expect: sign flipped
import numpy as np


def softmax_cross_entropy_grad(logits, targets, ignore_index=-100):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    valid = targets != ignore_index
    onehot = np.arange(logits.shape[-1]) == targets[..., None]
    return (onehot - probs) * valid[..., None] / int(valid.sum())
