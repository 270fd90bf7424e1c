# expect: max instead of min
import torch


def group_advantages(rewards, group_size, eps=1e-4):
    g = rewards.view(-1, group_size)
    return ((g - g.mean(dim=1, keepdim=True)) / (g.std(dim=1, keepdim=True) + eps)).view(-1)


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.exp(logp_new - logp_old)
    a = advantages.unsqueeze(1)
    obj = torch.max(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
    if mask is None:
        return -obj.mean()
    return -(obj * mask).sum() / mask.sum()
