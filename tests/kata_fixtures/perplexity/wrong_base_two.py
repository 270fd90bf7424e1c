# expect: 2 ** (cross-entropy in nats)
import numpy as np


def perplexity(logits, targets):
    m = logits.max(axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    nll = -np.take_along_axis(log_probs, targets[..., None], axis=-1).mean()
    return 2**nll
