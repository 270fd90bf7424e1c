"""Test specification of the grpo kata (group_advantages and ppo_clip_loss)."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

PPO = "ppo_clip_loss"


def cases() -> list[Case]:
    rng = np.random.default_rng(20261217)

    def scores(n: int, scale: float = 1.0, offset: float = 0.0,
               dtype: Any = np.float64) -> Any:
        return (offset + scale * rng.standard_normal(n)).astype(dtype)

    # Pass/fail rewards of a verifier: 3 prompts x 8 completions; the last group all
    # failed (equal rewards: std 0).
    binary = (rng.random(24) < 0.4).astype(np.float64)
    binary[:8] = [1, 0, 0, 1, 0, 0, 0, 1]
    binary[16:] = 0.0
    # Groups of very different spreads, so whole-batch normalisation is far off.
    spreads = np.concatenate([scores(4, 0.1), scores(4, 5.0, 3.0), scores(4, 1.0, -2.0)])
    equal = np.array([0.5, 0.5, 0.5, 0.5, 1.0, 0.0, 0.2, 0.9])

    def rollout(b: int, t: int, drift: float = 0.3, lengths: list[int] | None = None,
                dtype: Any = np.float64) -> tuple[Any, ...]:
        """(logp_new, logp_old, advantages) and a mask that keeps `lengths` tokens per
        row (None: no mask); drift is the spread of logp_new - logp_old."""
        logp_old = -np.abs(rng.standard_normal((b, t))) * 2.0 - 0.05
        logp_new = logp_old + drift * rng.standard_normal((b, t))
        adv = rng.standard_normal(b)
        adv[0], adv[-1] = abs(adv[0]) + 0.5, -abs(adv[-1]) - 0.5  # both signs
        out = tuple(a.astype(dtype) for a in (logp_new, logp_old, adv))
        if lengths is None:
            return out
        return (*out, np.arange(t) < np.asarray(lengths)[:, None])

    padded = rollout(4, 7, lengths=[7, 3, 5, 1])
    empty_row = rollout(3, 5, lengths=[5, 0, 2])
    return [
        Case("group size 2, four prompts", (scores(8), 2)),
        Case("group size 8: pass/fail rewards, one group all 0 (std 0)", (binary, 8)),
        Case("groups of very different spreads (group size 4)", (spreads, 4)),
        Case("equal rewards in one group, eps = 0.01", (equal, 4), {"eps": 0.01}),
        Case("one group of 6", (scores(6, 2.0), 6)),
        Case("rewards near 1000 (group size 3)", (scores(9, 1.0, 1000.0), 3)),
        Case("float32, group size 4", (scores(12, dtype=np.float32), 4)),
        Case("ppo_clip_loss: (4, 6), ratios inside and outside the clip, no mask",
             rollout(4, 6), function=PPO),
        Case("ppo_clip_loss: ratios far outside [0.8, 1.2] (drift 2)",
             rollout(4, 6, drift=2.0), function=PPO),
        Case("ppo_clip_loss: padding in the mask (lengths 7, 3, 5, 1)",
             padded[:3], {"mask": padded[3]}, function=PPO),
        Case("ppo_clip_loss: a row that is all padding (lengths 5, 0, 2)",
             empty_row[:3], {"mask": empty_row[3]}, function=PPO),
        Case("ppo_clip_loss: clip_eps = 0.1, padding", padded[:3],
             {"clip_eps": 0.1, "mask": padded[3]}, function=PPO),
        Case("ppo_clip_loss: square (5, 5): advantages go along the rows",
             rollout(5, 5, drift=0.5), function=PPO),
        Case("ppo_clip_loss: the first step, logp_new == logp_old (ratio 1)",
             (padded[1], padded[1], padded[2]), {"mask": padded[3]}, function=PPO),
        Case("ppo_clip_loss: float32 (3, 10) with padding",
             rollout(3, 10, drift=0.5, lengths=[10, 4, 7], dtype=np.float32)[:3],
             {"mask": np.arange(10) < np.array([[10], [4], [7]])}, function=PPO),
    ]


# -- variants of group_advantages -------------------------------------------------------


def _advantages(*, ddof: int = 1, scope: str = "group", eps_at: str = "std",
                divide: bool = True, layout: str = "consecutive") -> Any:
    def group_advantages(rewards: Any, group_size: int, eps: float = 1e-4) -> Any:
        if scope == "batch":
            groups = rewards.reshape(1, -1)
        elif layout == "strided":  # rewards.reshape(group_size, -1): prompt i = column i
            groups = rewards.reshape(group_size, -1).T
        else:
            groups = rewards.reshape(-1, group_size)
        centred = groups - groups.mean(axis=1, keepdims=True)
        if not divide:
            out = centred
        elif eps_at == "inside":
            out = centred / np.sqrt(groups.var(axis=1, ddof=ddof, keepdims=True) + eps)
        elif eps_at == "none":
            out = centred / groups.std(axis=1, ddof=ddof, keepdims=True)
        else:
            out = centred / (groups.std(axis=1, ddof=ddof, keepdims=True) + eps)
        return (out.T if layout == "strided" else out).reshape(rewards.shape)

    return group_advantages


# -- variants of ppo_clip_loss ---------------------------------------------------------


def _ppo(*, bound: Any = np.minimum, ratio: str = "exp", clip: str = "ratio",
         sign: float = -1.0, axis: str = "rows", reduce: str = "tokens",
         use_mask: bool = True) -> Any:
    def ppo_clip_loss(logp_new: Any, logp_old: Any, advantages: Any,
                      clip_eps: float = 0.2, mask: Any = None) -> Any:
        if ratio == "quotient":
            r = logp_new / logp_old
        elif ratio == "reversed":
            r = np.exp(logp_old - logp_new)
        else:
            r = np.exp(logp_new - logp_old)
        a = advantages[:, None] if axis == "rows" else advantages[None, :]
        if clip == "product":  # the clip put around ratio * A
            objective = bound(r * a, np.clip(r * a, 1 - clip_eps, 1 + clip_eps))
        elif clip == "none":
            objective = r * a
        else:
            objective = bound(r * a, np.clip(r, 1 - clip_eps, 1 + clip_eps) * a)
        if mask is None or not use_mask:
            return sign * objective.mean()
        kept = np.where(mask, objective, 0.0)
        if reduce == "sequences":  # each row's mean, then the mean of the rows
            return sign * (kept.sum(axis=1) / mask.sum(axis=1)).mean()
        if reduce == "all positions":
            return sign * kept.sum() / mask.size
        return sign * kept.sum() / int(np.count_nonzero(mask))

    return ppo_clip_loss


def torch_group_advantages(rewards: Any, group_size: int, eps: float = 1e-4) -> Any:
    import torch

    # As TRL's GRPOTrainer: view(-1, G), mean and std per group, repeat_interleave.
    r = torch.from_numpy(rewards)
    mean = r.view(-1, group_size).mean(dim=1).repeat_interleave(group_size)
    std = r.view(-1, group_size).std(dim=1).repeat_interleave(group_size)
    return ((r - mean) / (std + eps)).numpy()


def torch_ppo_clip_loss(logp_new: Any, logp_old: Any, advantages: Any,
                        clip_eps: float = 0.2, mask: Any = None) -> Any:
    import torch

    new, old, adv = (torch.from_numpy(a) for a in (logp_new, logp_old, advantages))
    coef_1 = torch.exp(new - old)
    coef_2 = torch.clamp(coef_1, 1 - clip_eps, 1 + clip_eps)
    per_token = -torch.min(coef_1 * adv.unsqueeze(1), coef_2 * adv.unsqueeze(1))
    if mask is None:
        return per_token.mean().numpy()
    m = torch.from_numpy(mask)
    return ((per_token * m).sum() / m.sum()).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches np.std's default denominator n (ddof=0): this kata, "
                "torch.std and GRPO implementations use n - 1 (np.std(..., ddof=1))",
                _advantages(ddof=0)),
        Mistake("your output matches rewards normalised over the whole batch: each "
                "prompt's group of group_size consecutive rewards is normalised on its own",
                _advantages(scope="batch")),
        Mistake("your output matches groups taken as strided, rewards.reshape(group_size, "
                "-1): a group is group_size consecutive rewards, reshape(-1, group_size)",
                _advantages(layout="strided")),
        Mistake("your output matches eps inside the square root, (r - mean) / sqrt(var + "
                "eps): eps is added to the standard deviation", _advantages(eps_at="inside")),
        Mistake("your output has no eps: a group whose rewards are all equal gives 0 / 0 "
                "= NaN; divide by std + eps", _advantages(eps_at="none")),
        Mistake("your output matches the rewards centred but not divided by the standard "
                "deviation (Dr. GRPO's advantage, a different contract): divide by std + "
                "eps", _advantages(divide=False)),
        Mistake("your output matches max instead of min: the clipped objective takes the "
                "smaller (pessimistic) of ratio * A and clip(ratio) * A",
                _ppo(bound=np.maximum), variant_of=PPO),
        Mistake("your output matches the ratio as a quotient of log-probabilities, "
                "logp_new / logp_old: the ratio of probabilities is exp(logp_new - "
                "logp_old)", _ppo(ratio="quotient"), variant_of=PPO),
        Mistake("your output matches the ratio reversed, exp(logp_old - logp_new): it is "
                "pi_new / pi_old", _ppo(ratio="reversed"), variant_of=PPO),
        Mistake("your output matches the padding counted: the mean runs over the positions "
                "where mask is True", _ppo(use_mask=False), variant_of=PPO),
        Mistake("your output matches the objective without its minus sign: the loss to "
                "minimise is -mean(min(...))", _ppo(sign=1.0), variant_of=PPO),
        Mistake("your output matches the unclipped objective ratio * A: take the min with "
                "clip(ratio, 1 - clip_eps, 1 + clip_eps) * A", _ppo(clip="none"),
                variant_of=PPO),
        Mistake("your output matches the clip put around ratio * A: clip the ratio, then "
                "multiply by A", _ppo(clip="product"), variant_of=PPO),
        Mistake("your output matches the advantages broadcast along the tokens "
                "(advantages[None, :]): each row's advantage is for all its tokens, "
                "advantages[:, None]", _ppo(axis="tokens"), variant_of=PPO),
        Mistake("your output matches the mean of each sequence's mean (the GRPO paper's "
                "normalisation, a different contract): this kata's masked mean counts "
                "every kept token of the batch once", _ppo(reduce="sequences"),
                variant_of=PPO),
        Mistake("your output matches the masked sum divided by every position, padding "
                "included: divide by the number of kept tokens", _ppo(reduce="all positions"),
                variant_of=PPO),
    ],
    torch_oracle={"group_advantages": torch_group_advantages, PPO: torch_ppo_clip_loss},
)
