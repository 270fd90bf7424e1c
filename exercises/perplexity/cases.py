"""Test specification of the perplexity kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240610)

    def args(*shape: int, scale: float = 2.0, offset: float = 0.0,
             dtype: Any = np.float64) -> tuple[Any, Any]:
        logits = (offset + rng.standard_normal(shape) * scale).astype(dtype)
        return logits, rng.integers(0, shape[-1], shape[:-1])

    # Sequences of very different difficulty: the mean of per-sequence perplexities and
    # the corpus perplexity are far apart.
    mixed, mixed_targets = args(3, 8, 12)
    mixed *= np.array([0.2, 1.0, 4.0])[:, None, None]
    return [
        Case("one sequence (T=6, V=10)", args(6, 10)),
        Case("batch of sequences of different difficulty (3, 8, 12)",
             (mixed, mixed_targets)),
        Case("several leading axes (2, 3, 5, 7)", args(2, 3, 5, 7)),
        Case("logits near 1000 (naive log-sum-exp overflows)", args(2, 6, 9, offset=1000.0)),
        Case("peaked predictions (scale 8)", args(4, 5, 6, scale=8.0)),
        Case("sequences of one token (3, 1, 5)", args(3, 1, 5)),
        Case("float32 (4, 16, 50)", args(4, 16, 50, dtype=np.float32)),
    ]


def token_log_probs(logits: Any, targets: Any) -> Any:
    m = logits.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    return np.take_along_axis(logits - lse, targets[..., None], axis=-1)[..., 0]


def _raw_logits(logits: Any, targets: Any) -> Any:
    return np.exp(-np.take_along_axis(logits, targets[..., None], axis=-1).mean())


def _base_two(logits: Any, targets: Any) -> Any:
    return 2.0 ** -token_log_probs(logits, targets).mean()


def _bits_then_exp(logits: Any, targets: Any) -> Any:
    return np.exp(-token_log_probs(logits, targets).mean() / math.log(2.0))


def _mean_of_sequences(logits: Any, targets: Any) -> Any:
    return np.exp(-token_log_probs(logits, targets).mean(axis=-1)).mean()


def _shifted(logits: Any, targets: Any) -> Any:
    if logits.shape[-2] < 2:
        return None  # nothing left after the shift
    return np.exp(-token_log_probs(logits[..., :-1, :], targets[..., 1:]).mean())


def _naive_softmax(logits: Any, targets: Any) -> Any:
    e = np.exp(logits)
    picked = np.take_along_axis(e / e.sum(axis=-1, keepdims=True), targets[..., None], axis=-1)
    return np.exp(-np.log(picked).mean())


def _naive_lse(logits: Any, targets: Any) -> Any:
    lse = np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(logits - lse, targets[..., None], axis=-1)
    return np.exp(-picked.mean())


def _no_exp(logits: Any, targets: Any) -> Any:
    return -token_log_probs(logits, targets).mean()


def _sum(logits: Any, targets: Any) -> Any:
    return np.exp(-token_log_probs(logits, targets).sum())


NAIVE = ("your output matches a softmax / log-sum-exp without subtracting the row maximum: "
         "exp overflows on large logits")


def torch_oracle(logits: Any, targets: Any) -> Any:
    import torch
    import torch.nn.functional as F

    v = logits.shape[-1]
    ce = F.cross_entropy(torch.from_numpy(logits).reshape(-1, v),
                         torch.from_numpy(targets).reshape(-1))  # mean over all tokens
    return torch.exp(ce).numpy()


SPEC = KataSpec(
    cases=cases,
    preserves_dtype=False,  # a scalar: a Python float or any floating 0-d value will do
    mistakes=[
        Mistake("your output matches the raw logits used as log-probabilities: take the "
                "log-softmax first", _raw_logits),
        Mistake("your output matches 2 ** (cross-entropy in nats): with natural logs the "
                "perplexity is exp(cross-entropy)", _base_two),
        Mistake("your output matches exp(cross-entropy in bits): with log base 2 "
                "exponentiate with 2 **, or use natural logs and exp", _bits_then_exp),
        Mistake("your output matches the mean of per-sequence perplexities: average the "
                "cross-entropy over every token first, then take one exp", _mean_of_sequences),
        Mistake("your output matches logits and targets shifted by one position: they are "
                "already aligned (logits[..., t, :] predicts targets[..., t])", _shifted),
        Mistake(NAIVE, _naive_softmax),
        Mistake(NAIVE, _naive_lse),
        Mistake("your output matches the cross-entropy itself: the perplexity is its exp",
                _no_exp),
        Mistake("your output matches exp of the summed negative log-likelihood: take the "
                "mean over tokens", _sum),
    ],
    torch_oracle=torch_oracle,
)
