"""Test specification of the logit-processors kata: min_p_filter and repetition_penalty.

No graded min-p row sits near its threshold: every token's probability ratio to the
row's top, p_i / p_max = exp(l_i - l_max), is at least MARGIN (relative) away from
min_p, except the top ties themselves (ratio exactly 1), so float32 rounding cannot
move a token across it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake

PENALTY = "repetition_penalty"
MARGIN = 1e-3


def off_threshold(logits: Any, min_p: float) -> bool:
    x = np.asarray(logits, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        ratio = np.exp(x - x.max(axis=-1, keepdims=True))
    near = np.abs(ratio - min_p) <= MARGIN * max(min_p, 1e-12)
    return not bool(np.any(near & (ratio != 1.0)))


def min_p_cases(rng: Any) -> list[Case]:
    def case(name: str, logits: Any, min_p: float) -> Case:
        assert off_threshold(logits, min_p), name
        return Case(name, (logits, min_p))

    batch = rng.standard_normal((4, 20)) * 2.0
    far = rng.standard_normal((3, 16))
    far[0] *= 8.0  # a sharp row beside flat ones: thresholds differ by row
    far[2] *= 0.2
    # Tied tops; and a row whose one finite logit has probability exactly 1 (kept by
    # "at least" p_max, lost by a strict comparison).
    tied = np.array([[2.0, 5.0, 1.0, 5.0, -3.0], [0.0, 0.0, 0.0, -1.0, 4.0],
                     [-np.inf, -np.inf, 3.0, -np.inf, -np.inf]])
    filtered = rng.standard_normal((3, 12)) * 2.0
    filtered[:, ::4] = -np.inf  # an earlier filter (top-k) removed these
    return [
        case("one row (1, 8), min_p = 0.1", rng.standard_normal((1, 8)) * 2.0, 0.1),
        case("batch (4, 20), min_p = 0.05", batch, 0.05),
        case("rows of very different sharpness (3, 16), min_p = 0.2", far, 0.2),
        case("several leading axes (2, 3, 10), min_p = 0.3",
             rng.standard_normal((2, 3, 10)) * 1.5, 0.3),
        case("min_p = 1 keeps the top token and its ties", tied, 1.0),
        case("min_p = 0 keeps everything", rng.standard_normal((2, 9)), 0.0),
        case("-inf logits from an earlier filter stay -inf", filtered, 0.15),
        case("logits near 1000 (a naive softmax overflows)",
             rng.standard_normal((3, 10)) * 2.0 + 1000.0, 0.1),
        case("negative logits only (-50 and below), min_p = 0.1",
             rng.standard_normal((2, 12)) * 2.0 - 50.0, 0.1),
        case("float32 logits near 100 (exp overflows float32)",
             (rng.standard_normal((4, 32)) * 2.0 + 100.0).astype(np.float32), 0.1),
        case("float32 (2, 3, 40), min_p = 0.02",
             (rng.standard_normal((2, 3, 40)) * 2.0).astype(np.float32), 0.02),
    ]


def penalty_cases(rng: Any) -> list[Case]:
    def case(name: str, logits: Any, prev_ids: Any, penalty: float) -> Case:
        return Case(name, (logits, np.asarray(prev_ids, dtype=np.int64), penalty),
                    function=PENALTY)

    def both_signs(*shape: int) -> Any:
        x = rng.standard_normal(shape) * 2.0
        return np.where(np.abs(x) < 0.1, 0.5, x)  # no logit near 0: each sign matters

    one = both_signs(1, 10)
    one[0, [2, 5, 7]] = [1.5, -0.8, 2.5]
    negative = -np.abs(both_signs(2, 8))
    return [
        case("one row (1, 10), history [2, 5, 7], penalty 1.3", one, [[2, 5, 7]], 1.3),
        case("batch (3, 12), each row its own history with repeats",
             both_signs(3, 12), [[4, 4, 4, 1], [0, 11, 0, 6], [3, 2, 9, 9]], 1.2),
        case("negative logits in the history, penalty 2.0", negative,
             [[0, 3, 5], [1, 3, 7]], 2.0),
        case("an id seen six times is penalised once", both_signs(2, 6),
             [[1, 1, 1, 1, 1, 1], [4, 4, 4, 4, 4, 4]], 1.5),
        case("an empty history (batch, 0) leaves the logits as they are", both_signs(2, 7),
             np.zeros((2, 0)), 1.4),
        case("penalty 0.7 < 1 encourages repetition", both_signs(2, 9),
             [[0, 2, 4, 2], [8, 1, 3, 3]], 0.7),
        case("float32 (4, 50), histories of 10", both_signs(4, 50).astype(np.float32),
             rng.integers(0, 50, size=(4, 10)), 1.25),
    ]


def cases() -> list[Case]:
    rng = np.random.default_rng(20261216)
    return [*min_p_cases(rng), *penalty_cases(rng)]


# -- mistaken variants -----------------------------------------------------------------------


def _min_p(logits: Any, min_p: float, *, on: str = "probs", scaled: bool = True,
           row_max: bool = True, strict: bool = False, soft: Any = softmax,
           returns: str = "logits") -> Any:
    probs = soft(logits, axis=-1)
    values = logits if on == "logits" else probs
    top = values.max(axis=-1, keepdims=True) if row_max else values.max()
    threshold = min_p * top if scaled else min_p
    keep = values > threshold if strict else values >= threshold
    kept = probs if returns == "probs" else logits
    return np.where(keep, kept, 0.0 if returns == "probs" else -np.inf).astype(logits.dtype)


def _min_p_variant(**how: Any) -> Any:
    def run(logits: Any, min_p: float) -> Any:
        with np.errstate(all="ignore"):
            return _min_p(logits, min_p, **how)

    return run


def _penalty(logits: Any, prev_ids: Any, penalty: float, *, rule: str = "hf",
             per_occurrence: bool = False, shared: bool = False) -> Any:
    out = logits.copy()
    for r in range(logits.shape[0]):
        history = prev_ids.reshape(-1) if shared else prev_ids[r]
        ids = list(history) if per_occurrence else sorted(set(history.tolist()))
        for t in ids:
            v = out[r, t]
            if rule == "divide":
                out[r, t] = v / penalty
            elif rule == "inverted":
                out[r, t] = v / penalty if v < 0 else v * penalty
            elif rule == "subtract":
                out[r, t] = v - penalty
            else:
                out[r, t] = v * penalty if v < 0 else v / penalty
    return out


def _penalty_variant(**how: Any) -> Any:
    def run(logits: Any, prev_ids: Any, penalty: float) -> Any:
        return _penalty(logits, prev_ids, penalty, **how)

    return run


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches min-p applied to the logits (logit >= min_p * max "
                "logit): min-p compares probabilities, p_i >= min_p * p_max",
                _min_p_variant(on="logits")),
        Mistake("your output matches an unscaled threshold, p_i >= min_p: min-p scales it "
                "by the row's top probability, p_i >= min_p * p_max",
                _min_p_variant(scaled=False)),
        Mistake("your output matches the top probability of the whole batch: take each "
                "row's own maximum (axis=-1, keepdims=True)", _min_p_variant(row_max=False)),
        Mistake("your output matches a strict p_i > min_p * p_max: the rule is 'at least', "
                "so with min_p = 1 the top token (and its ties) stays",
                _min_p_variant(strict=True)),
        Mistake("your output is -inf or NaN where exp overflows: subtract each row's "
                "maximum before the exponential", _min_p_variant(soft=naive_softmax)),
        Mistake("your output matches the filtered probabilities: return the logits, with "
                "-inf for the removed tokens", _min_p_variant(returns="probs")),
        Mistake("your output matches negative logits divided by the penalty: that makes them "
                "larger, so more likely; Hugging Face multiplies a negative logit and "
                "divides a non-negative one", _penalty_variant(rule="divide"),
                variant_of=PENALTY),
        Mistake("your output matches the penalty applied once per occurrence: each "
                "distinct id is penalised once, however often it was seen",
                _penalty_variant(per_occurrence=True), variant_of=PENALTY),
        Mistake("your output matches the rule inverted (positive logits multiplied, negative "
                "divided): a negative logit is multiplied by the penalty, a non-negative one "
                "divided", _penalty_variant(rule="inverted"), variant_of=PENALTY),
        Mistake("your output matches every row's history applied to every row: row i is "
                "penalised for prev_ids[i] only", _penalty_variant(shared=True),
                variant_of=PENALTY),
        Mistake("your output matches the penalty subtracted (a presence penalty, as OpenAI's "
                "API has): Hugging Face's repetition penalty multiplies or divides",
                _penalty_variant(rule="subtract"), variant_of=PENALTY),
    ],
)
