# expect: without subtracting the row maximum
import numpy as np


def perplexity(logits, targets):
    probs = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    picked = np.take_along_axis(probs, targets[..., None], axis=-1)
    return np.exp(-np.log(picked).mean())
