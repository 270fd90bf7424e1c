# expect: exp(cross-entropy in bits)
import numpy as np


def perplexity(logits, targets):
    m = logits.max(axis=-1, keepdims=True)
    e = np.exp(logits - m)
    probs = e / e.sum(axis=-1, keepdims=True)
    bits = -np.log2(np.take_along_axis(probs, targets[..., None], axis=-1)).mean()
    return np.exp(bits)
