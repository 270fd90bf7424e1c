# expect: f_i from the routing weights
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
    # "f" from the summed routing weights instead of counts
    weights, experts = top_k_router(logits, k)
    tokens, num_experts = logits.shape
    f = np.zeros(num_experts)
    np.add.at(f, experts.ravel(), weights.ravel())
    return num_experts * np.sum(f / tokens * _softmax(logits).mean(axis=0))
