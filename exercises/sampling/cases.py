"""Test specification of the sampling kata: graded by distribution, independence, support,
greedy and seed.

Each distribution case tiles a few rows of logits DRAWS times into one batch, so one
call gives DRAWS independent tokens per row. Two tests per row, each at ALPHA:

- fit: the frequencies against the exact probabilities, by Pearson's chi-square test.
  Every allowed token has an expected count of at least 40, where the chi-square
  distribution describes the statistic well.
- independence (a runs test): the row's draws are cut into DRAWS/2 disjoint pairs of
  neighbours; for independent draws the number of equal pairs is exactly
  Binomial(DRAWS/2, sum p_i^2), and its two-sided tail is computed exactly, so the
  false-alarm rate is at most ALPHA with no approximation. A sampler that follows a
  rule instead of drawing (quantiles of the batch, a fixed pattern, sorted draws) puts
  far too many or too few equal neighbours there, even when its frequencies fit.

With 12 rows that is 24 tests, so the false-alarm rate of the whole kata is at most
24 * ALPHA < 1e-6 (Bonferroni), plus the seed check: two calls with different seeds
must not give the same tokens in every row, which a correct sampler does with
probability prod_rows sum_i p_i^2 (computed, and asserted below SEED_FALSE_ALARM).
Rows are asserted to lie away from top-p's boundary (margin > 0.02).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.numerics import binomial_two_sided, chi2_sf, chi_square, softmax
from interviewprep.katas.spec import Case, KataSpec, Rng, Verdict

ALPHA = 1e-8
DRAWS = 2000  # per distinct row
POOL_BELOW = 20.0  # cells expected less often than this are pooled into one
SEED_FALSE_ALARM = 1e-12  # bound on a correct sampler repeating itself under another seed

BASE = np.log(np.array([0.30, 0.25, 0.20, 0.12, 0.08, 0.05]))
OTHER = np.log(np.array([0.05, 0.10, 0.40, 0.05, 0.25, 0.15]))


# -- the exact distribution and its mistaken variants -------------------------------------


def _top_k(logits: Any, k: int | None) -> Any:
    if k is None or k >= logits.shape[-1]:
        return logits
    kth = np.sort(logits)[logits.shape[-1] - k]
    return np.where(logits < kth, -np.inf, logits)


def _top_p(logits: Any, p: float | None) -> Any:
    if p is None:
        return logits
    probs = softmax(logits)
    order = np.argsort(-probs, kind="stable")
    sorted_probs = probs[order]
    keep_sorted = np.cumsum(sorted_probs) - sorted_probs < p
    keep_sorted[0] = True
    keep = np.empty_like(keep_sorted)
    keep[order] = keep_sorted
    return np.where(keep, logits, -np.inf)


def probabilities(row: Any, temperature: float, top_k: int | None, top_p: float | None) -> Any:
    """The exact next-token distribution of one row: temperature, top-k, top-p, softmax."""
    return softmax(_top_p(_top_k(row / temperature, top_k), top_p))


def _filters_before_temperature(row: Any, t: float, k: Any, p: Any) -> Any:
    return softmax(_top_p(_top_k(row, k), p) / t)


def _top_p_before_top_k(row: Any, t: float, k: Any, p: Any) -> Any:
    return softmax(_top_k(_top_p(row / t, p), k))


def _temperature_multiplied(row: Any, t: float, k: Any, p: Any) -> Any:
    return softmax(_top_p(_top_k(row * t, k), p))


def _no_temperature(row: Any, t: float, k: Any, p: Any) -> Any:
    return probabilities(row, 1.0, k, p)


def _no_top_k(row: Any, t: float, k: Any, p: Any) -> Any:
    return probabilities(row, t, None, p)


def _no_top_p(row: Any, t: float, k: Any, p: Any) -> Any:
    return probabilities(row, t, k, None)


def _uniform(row: Any, t: float, k: Any, p: Any) -> Any:
    allowed = probabilities(row, t, k, p) > 0
    return allowed / allowed.sum()


DistributionFn = Callable[[Any, float, Any, Any], Any]
MISTAKES: list[tuple[str, DistributionFn]] = [
    ("your tokens follow the distribution with the filters applied before the temperature: "
     "divide by the temperature first, so that top-p sees the sharpened distribution",
     _filters_before_temperature),
    ("your tokens follow top-p applied before top-k: the order is temperature, top-k, "
     "then top-p on what top-k left", _top_p_before_top_k),
    ("your tokens follow logits multiplied by the temperature: divide by it",
     _temperature_multiplied),
    ("your tokens follow the distribution without the temperature", _no_temperature),
    ("your tokens follow the distribution without top-k", _no_top_k),
    ("your tokens follow the distribution without top-p", _no_top_p),
    ("your tokens are uniform over the allowed tokens: sample by probability",
     _uniform),
]


# -- the checks ---------------------------------------------------------------------------


def _as_ids(output: Any, batch: int, vocab: int) -> tuple[Any, str | None]:
    ids = np.asarray(output)
    if ids.shape != (batch,):
        return ids, f"shape {ids.shape}, expected ({batch},): one token id per row"
    if ids.dtype.kind not in "iu":
        return ids, f"dtype {ids.dtype}, expected integer token ids"
    if ids.size and (ids.min() < 0 or ids.max() >= vocab):
        return ids, f"token ids must lie in [0, {vocab}); got {ids.min()}..{ids.max()}"
    return ids, None


def _pooled(counts: Any, probs: Any) -> tuple[Any, Any]:
    """Pool the cells expected less than POOL_BELOW times, so the chi-square holds."""
    expected = probs * counts.sum()
    small = (expected < POOL_BELOW) & (probs > 0)
    if not small.any():
        return counts, probs
    keep = ~small
    return (np.append(counts[keep], counts[small].sum()),
            np.append(probs[keep], probs[small].sum()))


def _p_value(drawn: Any, probs: Any) -> float:
    """Chi-square p-value of the draws against `probs`; 0 when one falls outside its support."""
    counts = np.bincount(drawn, minlength=probs.size).astype(np.float64)
    if np.any(counts[probs <= 0] > 0):
        return 0.0
    stat, dof = chi_square(*_pooled(counts, probs))
    return chi2_sf(stat, dof)


def pairs_test(drawn: Any, probs: Any) -> tuple[float, int, int, float]:
    """(exact two-sided p-value, equal pairs, pairs, expected equal pairs) of the runs
    test: disjoint neighbours (0, 1), (2, 3), ... are equal with probability sum p^2."""
    pairs = drawn.size // 2
    equal = int(np.count_nonzero(drawn[0 : 2 * pairs : 2] == drawn[1 : 2 * pairs : 2]))
    q = float(np.sum(np.asarray(probs, dtype=np.float64) ** 2))
    return binomial_two_sided(equal, pairs, q), equal, pairs, pairs * q


NOT_INDEPENDENT = (
    "your tokens are not independent draws: take a fresh random number from `rng` for "
    "every row (no quantiles of the batch, no fixed pattern, no sorting)"
)
IGNORES_SEED = (
    "your tokens do not depend on the seed: take all randomness from the `rng` argument "
    "(no fixed seed of your own, no np.random.seed or torch.manual_seed)"
)


def _fmt(values: Any) -> str:
    return "[" + ", ".join(f"{v:.3f}" for v in values) + "]"


def distribution_check(
    rows: Any, temperature: float, top_k: int | None = None, top_p: float | None = None
) -> Callable[[list[Any]], Verdict]:
    rows = np.asarray(rows, dtype=np.float64)
    n_rows, vocab = rows.shape
    expected = [probabilities(r, temperature, top_k, top_p) for r in rows]

    def diagnose(per_row: list[Any]) -> str | None:
        for message, variant in MISTAKES:
            try:
                probs = [variant(r, temperature, top_k, top_p) for r in rows]
            except Exception:  # pragma: no cover - a variant that cannot apply
                continue
            if any(np.allclose(p, e) for p, e in zip(probs, expected, strict=True)):
                continue  # indistinguishable from the right answer on this case
            if all(_p_value(d, p) >= ALPHA for d, p in zip(per_row, probs, strict=True)):
                return message
        return None

    def check(outputs: list[Any]) -> Verdict:
        ids, problem = _as_ids(outputs[0], n_rows * DRAWS, vocab)
        if problem:
            return Verdict(False, problem)
        per_row = [ids[r::n_rows] for r in range(n_rows)]
        for r, (drawn, probs) in enumerate(zip(per_row, expected, strict=True)):
            outside = drawn[probs[drawn] <= 0]
            if outside.size:
                return Verdict(
                    False,
                    f"row {r}: drew token {int(outside[0])} ({outside.size} times), which "
                    f"has probability 0 after the filters; allowed: "
                    f"{np.flatnonzero(probs > 0).tolist()}",
                    diagnose(per_row),
                )
            p_value = _p_value(drawn, probs)
            if p_value < ALPHA:
                observed = np.bincount(drawn, minlength=vocab) / drawn.size
                return Verdict(
                    False,
                    f"row {r}: token frequencies {_fmt(observed)} do not fit the expected "
                    f"probabilities {_fmt(probs)} (chi-square p = {p_value:.2g} < {ALPHA:g})",
                    diagnose(per_row),
                )
            p_value, equal, pairs, expect = pairs_test(drawn, probs)
            if p_value < ALPHA:
                return Verdict(
                    False,
                    f"row {r}: of {pairs} pairs of neighbouring draws {equal} are equal, "
                    f"where independent draws give about {expect:.0f} (exact runs test "
                    f"p = {p_value:.2g} < {ALPHA:g})",
                    NOT_INDEPENDENT,
                )
        return Verdict(True, "ok")

    return check


def greedy_check(rows: Any) -> Callable[[list[Any]], Verdict]:
    expected = np.argmax(rows, axis=-1)

    def check(outputs: list[Any]) -> Verdict:
        ids, problem = _as_ids(outputs[0], rows.shape[0], rows.shape[1])
        if problem:
            return Verdict(False, problem)
        wrong = np.flatnonzero(ids != expected)
        if wrong.size:
            i = int(wrong[0])
            return Verdict(
                False,
                f"{wrong.size} of {ids.size} rows are not the argmax; row {i}: expected "
                f"{int(expected[i])}, got {int(ids[i])}",
                "at temperature 0 return the argmax of each row (greedy), with no sampling",
            )
        return Verdict(True, "ok")

    return check


def same_seed_check(batch: int, vocab: int) -> Callable[[list[Any]], Verdict]:
    def check(outputs: list[Any]) -> Verdict:
        first, problem = _as_ids(outputs[0], batch, vocab)
        second, problem2 = _as_ids(outputs[1], batch, vocab)
        if problem or problem2:
            return Verdict(False, problem or problem2 or "")
        if not np.array_equal(first, second):
            differ = int(np.count_nonzero(first != second))
            return Verdict(
                False,
                f"two calls with default_rng(7) gave different tokens in {differ} of "
                f"{batch} rows",
                "not reproducible: take all randomness from the `rng` argument (not "
                "np.random.* or torch's global generator)",
            )
        return Verdict(True, "ok")

    return check


def seeds_false_alarm(rows: Any, temperature: float) -> float:
    """The chance that a correct sampler gives the same tokens in every row under two
    different seeds: prod over rows of sum_i p_i^2."""
    probs = [probabilities(r, temperature, None, None) for r in np.asarray(rows, np.float64)]
    return float(np.prod([np.sum(p**2) for p in probs]))


def different_seeds_check(rows: Any, temperature: float) -> Callable[[list[Any]], Verdict]:
    batch, vocab = np.shape(rows)
    false_alarm = seeds_false_alarm(rows, temperature)
    assert false_alarm < SEED_FALSE_ALARM, false_alarm

    def check(outputs: list[Any]) -> Verdict:
        first, problem = _as_ids(outputs[0], batch, vocab)
        second, problem2 = _as_ids(outputs[1], batch, vocab)
        if problem or problem2:
            return Verdict(False, problem or problem2 or "")
        if np.array_equal(first, second):
            return Verdict(
                False,
                f"calls with default_rng(11) and default_rng(12) gave the same token in all "
                f"{batch} rows (a correct sampler does that with probability "
                f"{false_alarm:.1g})",
                IGNORES_SEED,
            )
        return Verdict(True, "ok")

    return check


# -- the cases ----------------------------------------------------------------------------


def off_boundary(row: Any, temperature: float, top_k: int | None, top_p: float | None) -> bool:
    """True when no cumulative probability seen by top-p lies within 0.02 of p."""
    if top_p is None:
        return True
    probs = softmax(_top_k(np.asarray(row, dtype=np.float64) / temperature, top_k))
    cumulative = np.cumsum(np.sort(probs)[::-1])[:-1]
    return bool(np.all(np.abs(cumulative - top_p) > 0.02))


def _tiled(*rows: Any) -> Any:
    return np.tile(np.stack(rows), (DRAWS, 1))  # row r of the batch is rows[r % len(rows)]


def _distribution(
    name: str, seed: int, temperature: float = 1.0, top_k: int | None = None,
    top_p: float | None = None, rows: tuple[Any, ...] = (BASE, OTHER),
) -> Case:
    assert all(off_boundary(r, temperature, top_k, top_p) for r in rows), name
    kwargs: dict[str, Any] = {"temperature": temperature}
    if top_k is not None:
        kwargs["top_k"] = top_k
    if top_p is not None:
        kwargs["top_p"] = top_p
    return Case(name, (_tiled(*rows), Rng(seed)), kwargs,
                check=distribution_check(np.stack(rows), temperature, top_k, top_p))


def cases() -> list[Case]:
    rng = np.random.default_rng(20240608)
    greedy_rows = rng.standard_normal((16, 50)) * 3.0
    seeded = rng.standard_normal((300, 10))
    return [
        _distribution("distribution at temperature 1, two different rows", 1),
        _distribution("temperature 0.5 sharpens", 2, temperature=0.5),
        _distribution("temperature 2.0 flattens", 3, temperature=2.0),
        _distribution("top_k=3", 4, top_k=3),
        _distribution("temperature 2.0 before top_p=0.7 (order matters)", 5,
                      temperature=2.0, top_p=0.7, rows=(BASE,)),
        _distribution("temperature 1.3, top_k=3, then top_p=0.65 (order matters)", 6,
                      temperature=1.3, top_k=3, top_p=0.65, rows=(BASE,)),
        _distribution("top_p=0.7 with logits near 1000", 7, top_p=0.7,
                      rows=(BASE + 1000.0, OTHER + 1000.0)),
        Case("temperature 0 is greedy (argmax)", (greedy_rows, Rng(8)), {"temperature": 0.0},
             check=greedy_check(greedy_rows)),
        Case("temperature 0 with top_k=5 is still the argmax", (greedy_rows, Rng(9)),
             {"temperature": 0.0, "top_k": 5}, check=greedy_check(greedy_rows)),
        Case("the same seed gives the same tokens", (seeded, Rng(7)), {"temperature": 1.0},
             repeat=2, check=same_seed_check(*seeded.shape)),
        Case("different seeds give different tokens", (seeded, Rng(11, step=1)),
             {"temperature": 1.0}, repeat=2, check=different_seeds_check(seeded, 1.0)),
    ]


def torch_probabilities(row: Any, temperature: float, top_k: Any, top_p: Any) -> Any:
    """The distribution computed with torch and Hugging Face's warper code (test oracle)."""
    import torch

    scores = torch.from_numpy(np.asarray(row, dtype=np.float64))[None] / temperature
    if top_k is not None:
        k = min(top_k, scores.shape[-1])
        scores = scores.masked_fill(scores < torch.topk(scores, k)[0][..., -1, None],
                                    float("-inf"))
    if top_p is not None:
        sorted_logits, sorted_indices = torch.sort(scores, descending=False)
        remove = sorted_logits.softmax(dim=-1).cumsum(dim=-1) <= (1 - top_p)
        remove[..., -1:] = 0
        scores = scores.masked_fill(remove.scatter(1, sorted_indices, remove), float("-inf"))
    return torch.softmax(scores, dim=-1)[0].numpy()


SPEC = KataSpec(cases=cases, mistakes=[])
