import torch
import torch.nn.functional as F


def dpo_loss(
    pi_chosen: torch.Tensor, pi_rejected: torch.Tensor, ref_chosen: torch.Tensor,
    ref_rejected: torch.Tensor, beta: float = 0.1,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    margin = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)  # (B,)
    losses = -F.logsigmoid(beta * margin)  # stable for any margin
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(
    logits: torch.Tensor, labels: torch.Tensor, loss_mask: torch.Tensor
) -> torch.Tensor:
    logits, labels, mask = logits[:, :-1], labels[:, 1:], loss_mask[:, 1:]  # t predicts t+1
    picked = logits.log_softmax(-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)  # (B, T-1)
    return (picked * mask).sum(-1)  # (B,): response tokens only
