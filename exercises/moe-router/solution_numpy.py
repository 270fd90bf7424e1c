import numpy as np


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))  # per token: no overflow
    return e / e.sum(axis=-1, keepdims=True)  # (tokens, experts)


def _top_k(probs: np.ndarray, k: int) -> np.ndarray:
    # A stable sort of -probs: largest first, and equal probabilities keep index order,
    # so ties go to the lower expert index.
    return np.argsort(-probs, axis=-1, kind="stable")[:, :k]  # (tokens, k)


def top_k_router(logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    probs = _softmax(logits)  # (T, E): softmax over the experts of each token
    experts = _top_k(probs, k)  # (T, k), by weight, largest first
    kept = np.take_along_axis(probs, experts, axis=-1)  # (T, k)
    weights = kept / kept.sum(axis=-1, keepdims=True)  # renormalised: each row sums to 1
    return weights, experts


def load_balancing_loss(logits: np.ndarray, k: int) -> float:
    tokens, num_experts = logits.shape
    probs = _softmax(logits)  # (T, E), before top-k
    experts = _top_k(probs, k)  # (T, k): the same choices as top_k_router
    # f_i: the fraction of tokens that routed to expert i (a count, not a probability);
    # a token counts once for each of its k experts, so sum(f) = k.
    f = np.bincount(experts.ravel(), minlength=num_experts) / tokens  # (E,)
    p = probs.mean(axis=0)  # (E,): P_i, the mean router probability
    return float(num_experts * np.sum(f * p))  # balanced routing gives k
