"""Test specification of the cross-entropy kata (cross_entropy and lm_loss)."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240615)

    def logits(*shape: int, scale: float = 2.0, dtype: Any = np.float64) -> Any:
        return (rng.standard_normal(shape) * scale).astype(dtype)

    def targets(shape: tuple[int, ...], v: int, ignored: float = 0.3,
                ignore_index: int = -100) -> Any:  # fmt: skip
        t = rng.integers(0, v, shape)
        t[rng.random(shape) < ignored] = ignore_index
        return t

    # Rows with different numbers of counted targets, one of them all ignored, and
    # ignored targets in the first and the last position.
    batch = targets((3, 7), 12)
    batch[0, [0, -1]] = -100
    batch[1] = -100
    batch[2, 1:3] = rng.integers(0, 12, 2)
    wide = targets((4, 9), 150)
    wide[2, :6] = -100
    real_class = rng.integers(0, 10, (4, 8))
    real_class[:, ::3] = 3  # ignore_index=3: a real class id, present in every row
    return [
        Case("one prediction per row (6, 10), nothing ignored",
             (logits(6, 10), targets((6,), 10, ignored=0.0))),
        Case("batch (3, 7, 12): ignored first, last and a whole row (V < 100)",
             (logits(3, 7, 12), batch)),
        Case("vocabulary of 150 (V > 100: -100 would read class 50)",
             (logits(4, 9, 150), wide)),
        Case("logits scaled by 1000 (a naive log of softmax overflows)",
             (logits(5, 20, scale=1000.0), targets((5,), 20))),
        Case("reduction='sum', ignored targets and an all-ignored row",
             (logits(3, 6, 11), batch[:, :6]), {"reduction": "sum"}),
        Case("reduction='none' (V=130): zero where the target is ignored",
             (logits(3, 7, 130), batch), {"reduction": "none"}),
        Case("ignore_index=3 (a real class id)", (logits(4, 8, 10), real_class),
             {"ignore_index": 3}),
        Case("float32 (4, 16, 200) with ignored targets",
             (logits(4, 16, 200, dtype=np.float32), targets((4, 16), 200))),
        Case("lm_loss (2, 6, 10)", (logits(2, 6, 10), rng.integers(0, 10, (2, 6))),
             function="lm_loss"),
        Case("lm_loss, vocabulary of 120 (3, 9, 120)",
             (logits(3, 9, 120), rng.integers(0, 120, (3, 9))), function="lm_loss"),
        Case("lm_loss, logits scaled by 1000",
             (logits(2, 5, 8, scale=1000.0), rng.integers(0, 8, (2, 5))), function="lm_loss"),
        Case("lm_loss, two tokens a row (one prediction each)",
             (logits(3, 2, 7), rng.integers(0, 7, (3, 2))), function="lm_loss"),
        Case("lm_loss, float32 (4, 12, 50)",
             (logits(4, 12, 50, dtype=np.float32), rng.integers(0, 50, (4, 12))),
             function="lm_loss"),
    ]


# -- the mistakes, in the inputs' own dtype ---------------------------------------------


def log_softmax(logits: Any) -> Any:
    m = logits.max(axis=-1, keepdims=True)
    return logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))


def _naive_softmax_log(logits: Any) -> Any:
    e = np.exp(logits)
    return np.log(e / e.sum(axis=-1, keepdims=True))


def _naive_lse(logits: Any) -> Any:
    return logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))


def _ce(logits: Any, targets: Any, ignore_index: int = -100, reduction: str = "mean", *,
        log_probs: Any = log_softmax, honour: bool = True, hard_coded: bool = False,
        denominator: str = "valid", mask_none: bool = True) -> Any:  # fmt: skip
    """cross_entropy with one of its classic mistakes switched on."""
    if hard_coded:
        ignore_index = -100
    lp = log_probs(logits)
    valid = targets != ignore_index if honour else np.ones(targets.shape, bool)
    index = np.where(valid, targets, 0) if mask_none else targets  # raw: -100 wraps around
    picked = -np.take_along_axis(lp, index[..., None], axis=-1)[..., 0]
    losses = np.where(valid, picked, 0.0)
    if reduction == "none":
        return losses if mask_none else picked
    if reduction == "sum" or denominator == "sum":
        return losses.sum()
    if denominator == "all":
        return losses.sum() / losses.size
    if denominator == "rows":
        return (losses.sum(axis=-1) / np.count_nonzero(valid, axis=-1)).mean()
    return losses.sum() / int(np.count_nonzero(valid))


def _variant(**how: Any) -> Any:
    def run(logits: Any, targets: Any, ignore_index: int = -100,
            reduction: str = "mean") -> Any:  # fmt: skip
        return _ce(logits, targets, ignore_index, reduction, **how)

    return run


def _lm(shift: str = "right", **how: Any) -> Any:
    def run(logits: Any, input_ids: Any) -> Any:
        if shift == "none":
            scored, ids = logits, input_ids
        elif shift == "same":
            scored, ids = logits[:, :-1], input_ids[:, :-1]
        elif shift == "reversed":
            scored, ids = logits[:, 1:], input_ids[:, :-1]
        else:
            scored, ids = logits[:, :-1], input_ids[:, 1:]
        return _ce(scored, ids, **how)

    return run


NAIVE = ("your output matches log(softmax) (or a log-sum-exp) without subtracting the row "
         "maximum: exp overflows on large logits")
SUM = ("your output matches the sum of the losses where the mean is asked for: divide by "
       "the number of counted targets")
NO_SHIFT = ("your output matches logits scored against the token at their own position: "
            "position t predicts input_ids[:, t + 1], so compare logits[:, :-1] with "
            "input_ids[:, 1:]")


def torch_oracle(logits: Any, targets: Any, ignore_index: int = -100,
                 reduction: str = "mean") -> Any:  # fmt: skip
    import torch
    import torch.nn.functional as F

    v = logits.shape[-1]
    loss = F.cross_entropy(torch.from_numpy(logits).reshape(-1, v),
                           torch.from_numpy(targets).reshape(-1),
                           ignore_index=ignore_index, reduction=reduction)  # fmt: skip
    return (loss.reshape(targets.shape) if reduction == "none" else loss).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake(NAIVE, _variant(log_probs=_naive_softmax_log)),
        Mistake(NAIVE, _variant(log_probs=_naive_lse)),
        Mistake("your output matches the ignored targets counted in the denominator: the "
                "mean is over the targets that are not ignored", _variant(denominator="all")),
        Mistake("your output matches ignore_index hard-coded as -100: use the argument",
                _variant(hard_coded=True)),
        # Before the next: on reduction='none' alone the two give the same output.
        Mistake("your output matches reduction='none' keeping a loss where the target is "
                "ignored (read from class V - 100): torch gives 0 there",
                _variant(mask_none=False)),
        Mistake("your output matches the ignored targets read as classes: a target of -100 "
                "indexes class V - 100 from the end (numpy allows it) and its loss is "
                "counted; leave those targets out", _variant(honour=False, mask_none=False)),
        Mistake(SUM, _variant(denominator="sum")),
        Mistake("your output matches the mean of each row's mean: one mean over every "
                "counted target of the batch, whatever row it is in",
                _variant(denominator="rows")),
        Mistake(NO_SHIFT, _lm("none"), variant_of="lm_loss"),
        Mistake(NO_SHIFT, _lm("same"), variant_of="lm_loss"),
        Mistake("your output matches the shift reversed: logits[:, 1:] scored against "
                "input_ids[:, :-1]; the prediction at t is for the token at t + 1",
                _lm("reversed"), variant_of="lm_loss"),
        Mistake(SUM, _lm(denominator="sum"), variant_of="lm_loss"),
        Mistake(NAIVE, _lm(log_probs=_naive_softmax_log), variant_of="lm_loss"),
        Mistake(NAIVE, _lm(log_probs=_naive_lse), variant_of="lm_loss"),
    ],
    torch_oracle=torch_oracle,
)
