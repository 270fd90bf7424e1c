# expect: np.std's default denominator n (ddof=0)
import numpy as np


def group_advantages(rewards, group_size, eps=1e-4):
    g = rewards.reshape(-1, group_size)
    mean = g.mean(axis=1, keepdims=True)
    std = g.std(axis=1, keepdims=True)
    return ((g - mean) / (std + eps)).flatten()


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = np.exp(logp_new - logp_old)
    adv = advantages[:, None]
    obj = np.minimum(ratio * adv, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    if mask is None:
        return -obj.mean()
    return -(obj * mask).sum() / int(mask.sum())
