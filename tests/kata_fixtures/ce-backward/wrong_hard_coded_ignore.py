# expect: hard-coded as -100
import numpy as np


def softmax_cross_entropy_grad(logits, targets, ignore_index=-100):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    valid = targets >= 0  # -100 marks padding
    onehot = np.arange(logits.shape[-1]) == targets[..., None]
    return (probs - onehot) * valid[..., None] / int(valid.sum())
