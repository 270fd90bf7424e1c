import numpy as np


def group_advantages(rewards: np.ndarray, group_size: int, eps: float = 1e-4) -> np.ndarray:
    """GRPO's advantages: each reward normalised within its group of completions.

    (r - mean_g) / (std_g + eps), where a group is group_size consecutive rewards and
    std_g uses the n - 1 denominator (as torch.std).

    Args:
        rewards: (N,) floats, N a multiple of group_size: the completions of the first
            prompt, then those of the second, ...
        group_size: completions per prompt, at least 2.
        eps: added to the standard deviation.

    Returns:
        (N,) the advantages, in the dtype of rewards.
    """
    raise NotImplementedError


def ppo_clip_loss(
    logp_new: np.ndarray, logp_old: np.ndarray, advantages: np.ndarray,
    clip_eps: float = 0.2, mask: np.ndarray | None = None,
) -> np.ndarray:
    """The clipped surrogate loss of PPO, as GRPO uses it.

    ratio = exp(logp_new - logp_old); loss = -masked_mean(min(ratio * A,
    clip(ratio, 1 - clip_eps, 1 + clip_eps) * A)).

    Args:
        logp_new: (B, T) per-token log-probabilities under the policy being trained.
        logp_old: (B, T) the same under the policy that sampled the completions.
        advantages: (B,) one advantage per completion, for all of its tokens.
        clip_eps: the half-width of the clipping range around 1.
        mask: (B, T) bool, True on the completion tokens (False on padding), or None
            to count every position.

    Returns:
        The loss, a scalar: the mean over every kept token of the batch.
    """
    raise NotImplementedError
