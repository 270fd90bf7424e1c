# expect: softmax over the tokens
import numpy as np


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def top_k_router(logits, k):
    e = np.exp(logits - logits.max(axis=0))
    probs = e / e.sum(axis=0)  # normalised over the batch
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    kept = np.take_along_axis(probs, experts, axis=-1)
    return kept / kept.sum(axis=-1, keepdims=True), experts


def load_balancing_loss(logits, k):
    probs = _softmax(logits)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    f = np.bincount(experts.ravel(), minlength=logits.shape[1]) / logits.shape[0]
    return logits.shape[1] * np.sum(f * probs.mean(axis=0))
