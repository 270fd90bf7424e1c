"""Small numpy helpers shared by the kata specifications (references live in exercises/)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def softmax(x: Any, axis: int = -1) -> Any:
    """Stable softmax in the input's own dtype (mistake variants must keep the dtype)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def naive_softmax(x: Any, axis: int = -1) -> Any:
    """Softmax without the max subtraction: overflows to inf/NaN on large logits."""
    with np.errstate(all="ignore"):
        e = np.exp(x)
        return e / np.sum(e, axis=axis, keepdims=True)


def chi2_sf(statistic: float, dof: int) -> float:
    """P(X >= statistic) for X ~ chi-square(dof), exact for integer dof (no scipy needed).

    Even dof: exp(-x/2) * sum_{i<k/2} (x/2)^i / i!. Odd dof: erfc(sqrt(x/2)) plus the
    same kind of series with half-integer powers.
    """
    if dof <= 0:
        return 1.0
    x = max(statistic, 0.0) / 2.0
    if dof % 2 == 0:
        term, total = 1.0, 1.0
        for i in range(1, dof // 2):
            term *= x / i
            total += term
        return min(1.0, math.exp(-x) * total)
    total = math.erfc(math.sqrt(x))
    term = math.sqrt(x) * math.exp(-x) / math.gamma(1.5)
    for i in range(1, (dof + 1) // 2):
        total += term
        term *= x / (i + 0.5)
    return min(1.0, total)


def chi_square(counts: Any, probabilities: Any) -> tuple[float, int]:
    """Pearson's statistic and degrees of freedom over the cells of positive probability."""
    counts = np.asarray(counts, dtype=np.float64)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    keep = probabilities > 0
    n = counts.sum()
    expected = n * probabilities[keep]
    stat = float(np.sum((counts[keep] - expected) ** 2 / expected))
    return stat, int(keep.sum()) - 1


def binomial_pmf(k: int, n: int, q: float) -> float:
    """P(X = k) for X ~ Binomial(n, q), in log space so that n in the thousands is exact."""
    if not 0 <= k <= n:
        return 0.0
    if q <= 0.0 or q >= 1.0:
        return float(k == (n if q >= 1.0 else 0))
    log = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
           + k * math.log(q) + (n - k) * math.log1p(-q))  # fmt: skip
    return math.exp(log)


def binomial_two_sided(k: int, n: int, q: float) -> float:
    """Twice the smaller tail, P(X <= k) or P(X >= k), capped at 1.

    For a discrete statistic P(tail <= t) <= t, so rejecting when this is below alpha
    has a false-alarm rate of at most alpha: exact, with no approximation.
    """
    below = math.fsum(binomial_pmf(i, n, q) for i in range(k + 1))
    above = math.fsum(binomial_pmf(i, n, q) for i in range(k, n + 1))
    return min(1.0, 2.0 * min(below, above))
