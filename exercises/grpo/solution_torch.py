import torch


def group_advantages(
    rewards: torch.Tensor, group_size: int, eps: float = 1e-4
) -> torch.Tensor:
    groups = rewards.view(-1, group_size)  # (prompts, group_size)
    mean = groups.mean(dim=1, keepdim=True)
    std = groups.std(dim=1, keepdim=True)  # torch.std: n - 1 by default
    return ((groups - mean) / (std + eps)).view(-1)  # (N,)


def ppo_clip_loss(
    logp_new: torch.Tensor, logp_old: torch.Tensor, advantages: torch.Tensor,
    clip_eps: float = 0.2, mask: torch.Tensor | None = None,
) -> torch.Tensor:
    ratio = torch.exp(logp_new - logp_old)  # (B, T)
    a = advantages.unsqueeze(1)  # (B, 1)
    objective = torch.min(ratio * a, ratio.clamp(1 - clip_eps, 1 + clip_eps) * a)
    if mask is None:
        return -objective.mean()
    return -(objective * mask).sum() / mask.sum()  # every kept token counted once
