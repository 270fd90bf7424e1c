import numpy as np


def dpo_loss(
    pi_chosen: np.ndarray, pi_rejected: np.ndarray, ref_chosen: np.ndarray,
    ref_rejected: np.ndarray, beta: float = 0.1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The DPO loss of a batch of preference pairs, and the implicit rewards.

    loss = mean(-logsigmoid(beta * ((pi_chosen - pi_rejected) - (ref_chosen -
    ref_rejected)))), finite for any margin; rewards = beta * (pi - ref).

    Args:
        pi_chosen, pi_rejected: (B,) the policy's summed log-probability of the chosen
            and of the rejected response of each pair.
        ref_chosen, ref_rejected: (B,) the same under the frozen reference model.
        beta: the strength of the pull towards the reference.

    Returns:
        (loss, chosen_rewards, rejected_rewards): loss a scalar, the rewards (B,).
    """
    raise NotImplementedError


def sequence_logps(logits: np.ndarray, labels: np.ndarray, loss_mask: np.ndarray) -> np.ndarray:
    """The summed log-probability of each row's response tokens.

    The logits at position t predict the token at t + 1: score logits[:, :-1] against
    labels[:, 1:], and count only the positions where loss_mask[:, 1:] is True.

    Args:
        logits: (B, T, V) the model's logits.
        labels: (B, T) the token ids of prompt + response (+ padding), all in [0, V).
        loss_mask: (B, T) bool, aligned with labels: True on the response tokens.

    Returns:
        (B,) the sums.
    """
    raise NotImplementedError
