# expect: max instead of min
import numpy as np


def group_advantages(rewards, group_size, eps=1e-4):
    g = rewards.reshape(-1, group_size)
    adv = (g - g.mean(axis=1, keepdims=True)) / (g.std(axis=1, ddof=1, keepdims=True) + eps)
    return adv.reshape(-1)


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = np.exp(logp_new - logp_old)
    adv = advantages[:, None]
    obj = np.maximum(ratio * adv, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    if mask is None:
        return -obj.mean()
    return -(obj * mask).sum() / int(mask.sum())
