"""Test specification of the lora kata: lora_forward and lora_merge."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

MERGE = "lora_merge"


def cases() -> list[Case]:
    rng = np.random.default_rng(20261215)

    def weights(d_in: int, d_out: int, r: int, dtype: Any, zero_b: bool = False) -> Any:
        w = rng.standard_normal((d_in, d_out)) / math.sqrt(d_in)
        b = rng.standard_normal(d_out) * 0.5
        a = rng.standard_normal((d_in, r)) / math.sqrt(d_in)
        # A trained adapter: b_lora is not zero (peft starts it at zero, see the zero case).
        b_lora = np.zeros((r, d_out)) if zero_b else rng.standard_normal((r, d_out))
        return tuple(v.astype(dtype) for v in (w, b, a, b_lora))

    def forward(lead: tuple[int, ...], d_in: int, d_out: int, r: int, alpha: float,
                dtype: Any = np.float64, zero_b: bool = False) -> tuple[Any, ...]:
        x = rng.standard_normal((*lead, d_in)).astype(dtype)
        return (x, *weights(d_in, d_out, r, dtype, zero_b), alpha, r)

    def merge(d_in: int, d_out: int, r: int, alpha: float, dtype: Any = np.float64,
              zero_b: bool = False) -> tuple[Any, ...]:
        w, _, a, b_lora = weights(d_in, d_out, r, dtype, zero_b)
        return (w, a, b_lora, alpha, r)

    return [
        Case("forward (5, 16) -> 12, r=4, alpha=8", forward((5,), 16, 12, 4, 8)),
        Case("forward batch (2, 3, 16) -> 8, r=6, alpha=16 (alpha / r = 2.67)",
             forward((2, 3), 16, 8, 6, 16)),
        Case("forward one token x (10,) -> 6, r=2, alpha=1.0", forward((), 10, 6, 2, 1.0)),
        Case("forward rank 1, alpha=2", forward((3,), 8, 8, 1, 2)),
        Case("forward fresh adapter: b_lora = 0 gives the base layer",
             forward((4,), 12, 10, 4, 8, zero_b=True)),
        Case("forward (4, 64) -> 48, r=16, alpha=32", forward((4,), 64, 48, 16, 32)),
        Case("forward float32 (2, 5, 32) -> 24, r=8, alpha=16",
             forward((2, 5), 32, 24, 8, 16, dtype=np.float32)),
        Case("merge (16, 12), r=4, alpha=8", merge(16, 12, 4, 8), function=MERGE),
        Case("merge square (8, 8), r=2, alpha=6", merge(8, 8, 2, 6), function=MERGE),
        Case("merge (12, 20), r=6, alpha=16 (alpha / r = 2.67)", merge(12, 20, 6, 16),
             function=MERGE),
        Case("merge with b_lora = 0 leaves w as it is", merge(10, 6, 3, 12, zero_b=True),
             function=MERGE),
        Case("merge float32 (32, 24), r=8, alpha=16", merge(32, 24, 8, 16, dtype=np.float32),
             function=MERGE),
    ]


# -- mistaken variants: a scaling rule, then the forward pass and the merge built on it ----

Scale = Callable[[Any, Any], Any]


def _correct(alpha: Any, r: Any) -> Any:
    return alpha / r


def _forward(scale: Scale = _correct, bias: bool = True, path: bool = True) -> Any:
    def run(x: Any, w: Any, b: Any, a: Any, b_lora: Any, alpha: Any, r: Any) -> Any:
        out = x @ w + b if bias else x @ w
        return out + scale(alpha, r) * ((x @ a) @ b_lora) if path else out

    return run


def _merge(scale: Scale = _correct, transposed: bool = False, keep_w: bool = True) -> Any:
    def run(w: Any, a: Any, b_lora: Any, alpha: Any, r: Any) -> Any:
        update = scale(alpha, r) * (a @ b_lora)
        update = update.T if transposed else update
        return w + update if keep_w else update

    return run


def _both(message: str, scale: Scale) -> list[Mistake]:
    """The same scaling mistake in lora_forward and in lora_merge, under one message."""
    return [Mistake(message, _forward(scale)), Mistake(message, _merge(scale), variant_of=MERGE)]


SCALES: list[tuple[str, Scale]] = [
    ("your output matches the update scaled by alpha alone: LoRA scales it by alpha / r",
     lambda alpha, r: alpha),
    ("your output matches the update scaled by alpha / sqrt(r) (rsLoRA's rule): this kata, "
     "like the original LoRA and peft's default, scales by alpha / r",
     lambda alpha, r: alpha / math.sqrt(r)),
    ("your output matches the update without any scaling: multiply (x @ a) @ b_lora by "
     "alpha / r", lambda alpha, r: 1.0),
    ("your output matches the update scaled by r / alpha: the scale is alpha / r",
     lambda alpha, r: r / alpha),
    ("your output matches alpha // r, an integer division: alpha=16, r=6 scales by 2.67, "
     "not 2", lambda alpha, r: alpha // r),
]

SPEC = KataSpec(
    cases=cases,
    mistakes=[
        *(m for message, scale in SCALES for m in _both(message, scale)),
        Mistake("your output matches the layer without its bias b: x @ w + b + the update",
                _forward(bias=False)),
        Mistake("your output matches the base layer alone, x @ w + b: add the LoRA update "
                "(alpha / r) * (x @ a) @ b_lora", _forward(path=False)),
        Mistake("your merged weight has the update transposed: a @ b_lora is (in, out), "
                "like w", _merge(transposed=True), variant_of=MERGE),
        Mistake("your merged weight is the update alone: return w + (alpha / r) * a @ b_lora",
                _merge(keep_w=False), variant_of=MERGE),
    ],
)
