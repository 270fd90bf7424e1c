import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))  # max subtraction: no overflow
    return e / e.sum(axis=-1, keepdims=True)


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    if k >= logits.shape[-1]:
        return logits
    kth = np.sort(logits, axis=-1)[..., -k][..., None]  # (batch, 1): the k-th largest
    return np.where(logits < kth, -np.inf, logits)  # ties with the k-th value stay


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    probs = softmax(logits)
    order = np.argsort(-probs, axis=-1, kind="stable")  # most likely first
    sorted_probs = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sorted_probs, axis=-1) - sorted_probs < p  # mass before < p
    keep_sorted[..., 0] = True
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)


def sample(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> np.ndarray:
    if temperature == 0:
        return np.argmax(logits, axis=-1)  # greedy: no randomness at all
    scaled = logits / temperature  # first, so that top-p sees the sharpened distribution
    if top_k is not None:
        scaled = top_k_filter(scaled, top_k)
    if top_p is not None:
        scaled = top_p_filter(scaled, top_p)
    # Gumbel-max: argmax(logits + Gumbel noise) is an exact draw from softmax(logits).
    # It needs no normalisation, and a -inf (filtered) logit can never win.
    noise = rng.gumbel(size=scaled.shape)  # (batch, vocab)
    return np.argmax(scaled + noise, axis=-1)  # (batch,)
