import numpy as np


def group_advantages(rewards: np.ndarray, group_size: int, eps: float = 1e-4) -> np.ndarray:
    # rewards (N,): N = prompts * group_size, each prompt's completions side by side.
    groups = rewards.reshape(-1, group_size)  # (prompts, group_size)
    mean = groups.mean(axis=1, keepdims=True)
    std = groups.std(axis=1, ddof=1, keepdims=True)  # n - 1, as torch.std
    # A group whose rewards are all equal has std 0: its advantages are 0 / eps = 0.
    return ((groups - mean) / (std + eps)).reshape(rewards.shape)  # (N,)


def ppo_clip_loss(
    logp_new: np.ndarray, logp_old: np.ndarray, advantages: np.ndarray,
    clip_eps: float = 0.2, mask: np.ndarray | None = None,
) -> np.ndarray:
    # logp_new, logp_old (B, T): per-token log-probabilities; advantages (B,), one per
    # completion, shared by all its tokens.
    ratio = np.exp(logp_new - logp_old)  # (B, T): pi_new / pi_old
    a = advantages[:, None]  # (B, 1): broadcast over the tokens of each row
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps)
    objective = np.minimum(ratio * a, clipped * a)  # (B, T): the pessimistic bound
    if mask is None:
        return -objective.mean()
    # The mean over the tokens the mask keeps, every kept token of the batch counted once.
    return -np.where(mask, objective, 0.0).sum() / int(np.count_nonzero(mask))
