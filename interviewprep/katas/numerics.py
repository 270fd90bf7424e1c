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
