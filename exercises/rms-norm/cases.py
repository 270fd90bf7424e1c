"""Test specification of the rms-norm kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240605)

    def args(*shape: int, scale: float = 1.0, offset: float = 0.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        x = offset + rng.standard_normal(shape) * scale
        gamma = rng.uniform(0.5, 1.5, shape[-1])
        return x.astype(dtype), gamma.astype(dtype)

    far = args(3, 8)
    far[0][:] *= np.array([[1e-2], [1.0], [1e3]])
    return [
        Case("batch (4, 8)", args(4, 8), {"eps": 1e-6}),
        Case("several leading axes (2, 3, 16)", args(2, 3, 16, scale=3.0), {"eps": 1e-6}),
        Case("tiny rows (eps matters)", args(4, 8, scale=1e-3), {"eps": 1e-6}),
        Case("non-default eps=0.01", args(3, 6, scale=0.2), {"eps": 1e-2}),
        Case("rows far apart in scale", far, {"eps": 1e-6}),
        Case("rows with a large mean", args(2, 8, offset=10.0), {"eps": 1e-6}),
        Case("one feature (d = 1)", args(3, 1), {"eps": 1e-6}),
        Case("float32 (4, 64)", args(4, 64, scale=2.0, dtype=np.float32), {"eps": 1e-6}),
    ]


def _rms(x: Any, gamma: Any, eps: float = 1e-6, *, center: bool = False, total: bool = False,
         eps_outside: bool = False, root: bool = True, scale: bool = True) -> Any:
    if center:
        x = x - x.mean(axis=-1, keepdims=True)
    ms = (x * x).sum(axis=-1, keepdims=True) if total else (x * x).mean(axis=-1, keepdims=True)
    if not root:
        denom = ms + eps
    elif eps_outside:
        denom = np.sqrt(ms) + eps
    else:
        denom = np.sqrt(ms + eps)
    return x / denom * (gamma if scale else 1.0)


def _variant(**how: Any) -> Any:
    def run(x: Any, gamma: Any, eps: float = 1e-6) -> Any:
        return _rms(x, gamma, eps, **how)

    return run


def _no_eps(x: Any, gamma: Any, eps: float = 1e-6) -> Any:
    return _rms(x, gamma, 0.0)


def torch_oracle(x: Any, gamma: Any, eps: float = 1e-6) -> Any:
    import torch
    import torch.nn.functional as F

    t = torch.from_numpy
    return F.rms_norm(t(x), (x.shape[-1],), t(gamma), eps).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches a normalisation that subtracts the mean first: that "
                "is layer norm; RMS norm only divides by the root mean square",
                _variant(center=True)),
        Mistake("your output matches the sum of squares instead of their mean",
                _variant(total=True)),
        Mistake("your output matches eps added outside the square root: sqrt(ms) + eps "
                "instead of sqrt(ms + eps)", _variant(eps_outside=True)),
        Mistake("your output matches a division by mean(x^2) + eps: the square root is "
                "missing", _variant(root=False)),
        Mistake("your output matches RMS norm without gamma", _variant(scale=False)),
        Mistake("your output matches RMS norm without eps", _no_eps),
    ],
    torch_oracle=torch_oracle,
)
