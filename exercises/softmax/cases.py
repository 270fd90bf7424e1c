"""Test specification of the softmax kata: seeded cases, tolerances, known mistakes."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.numerics import naive_softmax, softmax
from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240601)

    def normal(*shape: int, scale: float = 1.0, dtype: Any = np.float64) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(dtype)

    far_apart = normal(3, 6) * np.array([[1e-3], [1.0], [30.0]])
    # Row maxima further apart than exp's range (about 709 in float64, 88 in float32):
    # one maximum for the whole array turns the low rows into 0 / 0.
    beyond_range = normal(3, 5) + np.array([[0.0], [800.0], [-900.0]])
    beyond_range_f32 = (normal(3, 5) + np.array([[0.0], [100.0], [-120.0]])).astype(np.float32)
    return [
        Case("1-D vector", (normal(7),)),
        Case("batch of rows", (normal(4, 9, scale=2.0),)),
        Case("several leading axes (2, 3, 4, 5)", (normal(2, 3, 4, 5),)),
        Case("axis=0", (normal(6, 4),), {"axis": 0}),
        Case("axis=1 of a 3-D array", (normal(3, 5, 4),), {"axis": 1}),
        Case("axis=-2", (normal(2, 5, 3),), {"axis": -2}),
        Case("large logits near 1000", (rng.uniform(900, 1000, (3, 8)),)),
        Case("very negative logits near -1000", (rng.uniform(-1000, -990, (3, 8)),)),
        Case("large float32 logits near 100", (rng.uniform(80, 120, (4, 8)).astype(np.float32),)),
        Case("rows far apart in scale", (far_apart,)),
        Case("row maxima 0, 800 and -900 in one array", (beyond_range,)),
        Case("float32 row maxima 0, 100 and -120 in one array", (beyond_range_f32,)),
        Case("column maxima far apart, axis=0", (beyond_range.T.copy(),), {"axis": 0}),
        Case("constant rows", (np.full((2, 5), 3.5),)),
        Case("axis of length 1", (normal(4, 1),)),
        Case("float32 batch", (normal(8, 16, scale=3.0, dtype=np.float32),)),
    ]


def _over_last_axis(x: Any, axis: int = -1) -> Any:
    return softmax(x, axis=-1)


def _over_minus_two(x: Any, axis: int = -1) -> Any:
    return softmax(x, axis=-2)


def _over_first_axis(x: Any, axis: int = -1) -> Any:
    return softmax(x, axis=0)


def _whole_array(x: Any, axis: int = -1) -> Any:
    e = np.exp(x - x.max())
    return e / e.sum()


def _global_max(x: Any, axis: int = -1) -> Any:
    with np.errstate(all="ignore"):
        e = np.exp(x - x.max())
        return e / e.sum(axis=axis, keepdims=True)


def _log_softmax(x: Any, axis: int = -1) -> Any:
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def _no_exp(x: Any, axis: int = -1) -> Any:
    return x / x.sum(axis=axis, keepdims=True)


def _naive(x: Any, axis: int = -1) -> Any:
    return naive_softmax(x, axis=axis)


def torch_oracle(x: Any, axis: int = -1) -> Any:
    import torch

    return torch.softmax(torch.from_numpy(x), dim=axis).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches softmax without subtracting the maximum first: exp "
                "overflows to inf (or underflows to 0) and the ratio becomes NaN", _naive),
        Mistake("your output matches a softmax over the last axis: the `axis` argument is "
                "ignored", _over_last_axis),
        Mistake("your output matches a softmax taken over axis -2", _over_minus_two),
        Mistake("your output matches a softmax over axis 0 (down the columns) whatever "
                "`axis` asks for", _over_first_axis),
        Mistake("your output matches a softmax normalised over the whole array instead of "
                "along one axis", _whole_array),
        Mistake("your output matches the maximum of the whole array subtracted instead of "
                "each slice's own: a slice far below it underflows to 0 / 0 = NaN", _global_max),
        Mistake("your output matches log-softmax: exponentiate, don't take the log",
                _log_softmax),
        Mistake("your output matches x / sum(x): the exp is missing", _no_exp),
    ],
    torch_oracle=torch_oracle,
)
