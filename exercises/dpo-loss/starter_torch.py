import torch
import torch.nn.functional as F  # noqa: F401  (F.logsigmoid)


def dpo_loss(
    pi_chosen: torch.Tensor, pi_rejected: torch.Tensor, ref_chosen: torch.Tensor,
    ref_rejected: torch.Tensor, beta: float = 0.1,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The DPO loss of a batch of preference pairs, and the implicit rewards.

    loss = mean(-logsigmoid(beta * ((pi_chosen - pi_rejected) - (ref_chosen -
    ref_rejected)))), finite for any margin; rewards = beta * (pi - ref).

    Args:
        pi_chosen, pi_rejected: (B,) the policy's summed log-probability of the chosen
            and of the rejected response of each pair.
        ref_chosen, ref_rejected: (B,) the same under the frozen reference model.
        beta: the strength of the pull towards the reference.

    Returns:
        (loss, chosen_rewards, rejected_rewards): loss a 0-d tensor, the
            rewards (B,).
    """
    raise NotImplementedError


def sequence_logps(
    logits: torch.Tensor, labels: torch.Tensor, loss_mask: torch.Tensor
) -> torch.Tensor:
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
