import numpy as np


def top_k_router(logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """A mixture-of-experts router: softmax over the experts, keep each token's top k,
    renormalise the kept weights to sum to 1.

    Args:
        logits: (tokens, num_experts) router logits.
        k: experts per token, 1 <= k <= num_experts.

    Returns:
        (weights, experts), both (tokens, k): the renormalised weights (the dtype of
        logits) and the integer expert ids, largest weight first, ties to the lower id.
    """
    raise NotImplementedError


def load_balancing_loss(logits: np.ndarray, k: int) -> float:
    """The auxiliary load-balancing loss num_experts * sum_i f_i * P_i.

    f_i: the fraction of tokens that have expert i among their top-k choices (counts);
    P_i: the mean over tokens of the router probability of expert i.

    Args:
        logits: (tokens, num_experts) router logits.
        k: experts per token.

    Returns:
        The loss, a scalar.
    """
    raise NotImplementedError
