# expect: P_i from the renormalised top-k weights
import numpy as np


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def top_k_router(logits, k):
    probs = _softmax(logits)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    kept = np.take_along_axis(probs, experts, axis=-1)
    return kept / kept.sum(axis=-1, keepdims=True), experts


def load_balancing_loss(logits, k):
    weights, experts = top_k_router(logits, k)
    tokens, num_experts = logits.shape
    dense = np.zeros((tokens, num_experts))
    np.put_along_axis(dense, experts, weights, axis=-1)
    f = np.bincount(experts.ravel(), minlength=num_experts) / tokens
    return num_experts * np.sum(f * dense.mean(axis=0))
