"""Test specification of the moe-router kata: top_k_router and load_balancing_loss."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake

LOSS = "load_balancing_loss"

# Ties: the top-k set and the order inside it must both prefer the lower expert id.
TIES = np.array([
    [1.0, 3.0, 3.0, 3.0, 0.0],  # k=2: experts 1, 2 (not 3)
    [2.0, 2.0, 1.0, 2.0, 5.0],  # 4 first, then 0 and 1 (not 3)
    [0.0, 0.0, 0.0, 0.0, 0.0],  # all equal: 0, 1
    [-1.0, 4.0, -1.0, 4.0, 2.0],  # 1 before 3
])


def _balanced(num_experts: int, k: int) -> Any:
    """Token t prefers experts t, t+1, ... (mod E) by steps: every expert is chosen
    equally often and the mean probabilities are uniform, so the loss is exactly k."""
    logits = np.zeros((2 * num_experts, num_experts))
    for t in range(2 * num_experts):
        for j in range(k):
            logits[t, (t + j) % num_experts] = 4.0 - j
    return logits


def cases() -> list[Case]:
    rng = np.random.default_rng(20261217)

    def logits(tokens: int, experts: int, scale: float = 1.5, offset: float = 0.0,
               dtype: Any = np.float64) -> Any:
        return (rng.standard_normal((tokens, experts)) * scale + offset).astype(dtype)

    skewed = logits(64, 8)
    skewed[:, 0] += 3.0  # most tokens pick expert 0: an unbalanced router
    router = [
        Case("router (6, 8), k=2 (Mixtral)", (logits(6, 8), 2)),
        Case("k=1 (Switch Transformer): each weight is 1", (logits(5, 4), 1)),
        Case("k = num_experts keeps every expert, sorted", (logits(4, 6), 6)),
        Case("tied logits go to the lower expert id, k=2", (TIES, 2)),
        Case("tied logits go to the lower expert id, k=3", (TIES, 3)),
        Case("one token (1, 4), k=2", (logits(1, 4), 2)),
        Case("64 fine-grained experts, k=6 (DeepSeekMoE)", (logits(10, 64), 6)),
        Case("logits near 1000 (a naive softmax overflows)", (logits(5, 8, offset=1000.0), 2)),
        Case("float32 (32, 16), k=4", (logits(32, 16, dtype=np.float32), 4)),
    ]
    loss = [
        Case("loss (64, 8), k=2", (logits(64, 8), 2), function=LOSS),
        Case("loss k=1 (Switch Transformer)", (logits(48, 4), 1), function=LOSS),
        Case("loss of a skewed router (64, 8), k=2", (skewed, 2), function=LOSS),
        Case("loss of balanced routing is k: E=8, k=2", (_balanced(8, 2), 2), function=LOSS),
        Case("loss of balanced routing is k: E=4, k=1", (_balanced(4, 1), 1), function=LOSS),
        Case("loss (20, 64), k=6", (logits(20, 64), 6), function=LOSS),
        Case("loss with logits near 1000", (logits(30, 8, offset=1000.0), 2), function=LOSS),
        Case("loss float32 (128, 16), k=2", (logits(128, 16, dtype=np.float32), 2),
             function=LOSS),
    ]
    return router + loss


# -- mistaken variants ---------------------------------------------------------------------


def _choose(probs: Any, k: int, order: str) -> Any:
    if order == "higher_ties":  # argsort ascending, reversed: ties come out highest id first
        return np.argsort(probs, axis=-1, kind="stable")[:, ::-1][:, :k]
    if order == "ascending":  # the last k of an ascending sort: smallest of them first
        return np.argsort(probs, axis=-1, kind="stable")[:, probs.shape[-1] - k :]
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    return np.sort(experts, axis=-1) if order == "index" else experts


def _router(logits: Any, k: int, *, renormalise: bool = True, order: str = "weight",
            soft: Any = softmax, axis: int = -1) -> Any:
    probs = soft(logits, axis=axis)
    experts = _choose(probs, k, order)
    kept = np.take_along_axis(probs, experts, axis=-1)
    weights = kept / kept.sum(axis=-1, keepdims=True) if renormalise else kept
    return weights, experts


def _router_variant(**how: Any) -> Any:
    def run(logits: Any, k: int) -> Any:
        with np.errstate(all="ignore"):
            return _router(logits, k, **how)

    return run


def _loss(logits: Any, k: int, *, f_from: str = "counts", p_from: str = "probs",
          factor: bool = True, per: str = "tokens", soft: Any = softmax) -> Any:
    tokens, num_experts = logits.shape
    probs = soft(logits, axis=-1)
    experts = _choose(probs, k, "weight")
    chosen = experts[:, :1] if f_from == "first" else experts
    f = np.bincount(chosen.ravel(), minlength=num_experts) / tokens
    if f_from == "weights":  # the kept, renormalised weights summed per expert
        kept = np.take_along_axis(probs, experts, axis=-1)
        f = np.zeros(num_experts, dtype=probs.dtype)
        np.add.at(f, experts.ravel(), (kept / kept.sum(axis=-1, keepdims=True)).ravel())
        f = f / tokens
    if per == "choices":
        f = f / k
    if f_from == "probs":
        f = probs.mean(axis=0)
    if p_from == "weights":  # the renormalised top-k weights, zero for the others
        kept = np.take_along_axis(probs, experts, axis=-1)
        full = np.zeros_like(probs)
        np.put_along_axis(full, experts, kept / kept.sum(axis=-1, keepdims=True), axis=-1)
        p = full.mean(axis=0)
    else:
        p = probs.mean(axis=0)
    return (num_experts if factor else 1) * np.sum(f * p)


def _loss_variant(**how: Any) -> Any:
    def run(logits: Any, k: int) -> Any:
        with np.errstate(all="ignore"):
            return _loss(logits, k, **how)

    return run


OVERFLOW = ("your output is NaN where exp overflows: subtract each token's maximum logit "
            "before the exponential")

SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your weights match the top-k probabilities not renormalised: divide the "
                "kept weights by their sum, so each token's k weights sum to 1",
                _router_variant(renormalise=False)),
        Mistake("your experts match the right set in expert-id order: sort them by weight, "
                "largest first", _router_variant(order="index")),
        Mistake("your experts match the top k in ascending order of weight: largest first",
                _router_variant(order="ascending")),
        Mistake("your experts match ties broken towards the HIGHER expert id (argsort "
                "reversed): ties go to the lower id (a stable sort of -probs)",
                _router_variant(order="higher_ties")),
        Mistake("your weights match a softmax over the tokens (axis 0): each token's "
                "softmax runs over the experts, the last axis", _router_variant(axis=0)),
        Mistake(OVERFLOW, _router_variant(soft=naive_softmax)),
        Mistake("your loss matches f_i taken from the router probabilities (f = P): f_i "
                "counts the tokens routed to expert i by their top-k choices",
                _loss_variant(f_from="probs"), variant_of=LOSS),
        Mistake("your loss matches f_i from the routing weights (their sum per expert) "
                "instead of counts: f_i is the fraction of tokens whose top-k holds expert i",
                _loss_variant(f_from="weights"), variant_of=LOSS),
        Mistake("your loss matches counts of each token's first choice only: a token counts "
                "once for each of its k experts", _loss_variant(f_from="first"),
                variant_of=LOSS),
        Mistake("your loss matches f_i divided by tokens * k (so sum f = 1): this kata, as "
                "Hugging Face's Mixtral loss, divides by the number of tokens (sum f = k; "
                "balanced routing gives a loss of k)", _loss_variant(per="choices"),
                variant_of=LOSS),
        Mistake("your loss matches P_i from the renormalised top-k weights: P_i is the mean "
                "of the full softmax probability of expert i", _loss_variant(p_from="weights"),
                variant_of=LOSS),
        Mistake("your loss matches the sum without the num_experts factor: multiply by "
                "the number of experts", _loss_variant(factor=False), variant_of=LOSS),
        Mistake(OVERFLOW, _loss_variant(soft=naive_softmax), variant_of=LOSS),
    ],
)
