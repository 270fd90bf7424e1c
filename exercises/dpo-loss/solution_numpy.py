import numpy as np


def dpo_loss(
    pi_chosen: np.ndarray, pi_rejected: np.ndarray, ref_chosen: np.ndarray,
    ref_rejected: np.ndarray, beta: float = 0.1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Each input (B,): the summed log-probability of a whole response.
    # How much more the policy prefers chosen over rejected than the reference does.
    margin = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)  # (B,)
    # -log(sigmoid(z)) = log(1 + exp(-z)) = logaddexp(0, -z): finite for any z (a naive
    # log(sigmoid(z)) is log(0) = -inf once exp(-z) overflows).
    losses = np.logaddexp(0.0, -beta * margin)  # (B,)
    chosen_rewards = beta * (pi_chosen - ref_chosen)  # (B,): the implicit rewards
    rejected_rewards = beta * (pi_rejected - ref_rejected)
    return losses.mean(), chosen_rewards, rejected_rewards


def sequence_logps(logits: np.ndarray, labels: np.ndarray, loss_mask: np.ndarray) -> np.ndarray:
    # logits (B, T, V), labels (B, T) ints, loss_mask (B, T) bool, aligned with labels.
    # The logits at t predict the token at t + 1: drop the last logits, the first label.
    logits, labels, mask = logits[:, :-1], labels[:, 1:], loss_mask[:, 1:]
    m = logits.max(axis=-1, keepdims=True)  # stable log-softmax over the vocabulary
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]  # (B, T-1)
    # The sum over the response tokens only (prompt and padding masked out).
    return np.where(mask, picked, 0.0).sum(axis=-1)  # (B,)
