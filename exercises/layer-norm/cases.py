"""Test specification of the layer-norm kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240604)

    def args(*shape: int, scale: float = 1.0, offset: float = 0.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        x = offset + rng.standard_normal(shape) * scale
        gamma = rng.uniform(0.5, 1.5, shape[-1])
        beta = rng.standard_normal(shape[-1])
        return tuple(a.astype(dtype) for a in (x, gamma, beta))

    far = args(3, 8)
    far[0][:] *= np.array([[1e-2], [1.0], [1e3]])
    return [
        Case("batch (4, 8)", args(4, 8), {"eps": 1e-5}),
        Case("several leading axes (2, 3, 16)", args(2, 3, 16, scale=3.0), {"eps": 1e-5}),
        Case("near-constant rows (eps matters)", args(4, 8, scale=1e-3, offset=5.0),
             {"eps": 1e-5}),
        Case("non-default eps=0.1", args(3, 6, scale=0.5), {"eps": 0.1}),
        Case("rows far apart in scale", far, {"eps": 1e-5}),
        Case("large common offset 1e6", args(2, 8, offset=1e6), {"eps": 1e-5}),
        Case("one feature (d = 1)", args(3, 1), {"eps": 1e-5}),
        Case("float32 (4, 64)", args(4, 64, scale=2.0, dtype=np.float32), {"eps": 1e-5}),
    ]


def _ln(x: Any, gamma: Any, beta: Any, eps: float = 1e-5, *, ddof: int = 0,
        eps_outside: bool = False, axis: Any = -1, one_pass: bool = False,
        root: bool = True) -> Any:
    mean = x.mean(axis=axis, keepdims=True)
    if one_pass:
        var = (x * x).mean(axis=axis, keepdims=True) - mean * mean
    else:
        n = x.shape[-1] if axis == -1 else x.size
        # d - 1 is 0 for one feature: NaN, as np.var(ddof=1) gives.
        var = ((x - mean) ** 2).sum(axis=axis, keepdims=True) / np.float64(n - ddof)
    if not root:
        denom = var + eps
    elif eps_outside:
        denom = np.sqrt(var) + eps
    else:
        denom = np.sqrt(var + eps)
    return (x - mean) / denom * gamma + beta


def _variant(**how: Any) -> Any:
    def run(x: Any, gamma: Any, beta: Any, eps: float = 1e-5) -> Any:
        return _ln(x, gamma, beta, eps, **how)

    return run


def _swapped(x: Any, gamma: Any, beta: Any, eps: float = 1e-5) -> Any:
    return _ln(x, beta, gamma, eps)


def _no_eps(x: Any, gamma: Any, beta: Any, eps: float = 1e-5) -> Any:
    return _ln(x, gamma, beta, 0.0)


def _no_affine(x: Any, gamma: Any, beta: Any, eps: float = 1e-5) -> Any:
    return _ln(x, np.ones_like(gamma), np.zeros_like(beta), eps)


def torch_oracle(x: Any, gamma: Any, beta: Any, eps: float = 1e-5) -> Any:
    import torch
    import torch.nn.functional as F

    t = torch.from_numpy
    return F.layer_norm(t(x), (x.shape[-1],), t(gamma), t(beta), eps).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches layer norm with the unbiased variance (divided by "
                "d - 1): layer norm divides by d", _variant(ddof=1)),
        Mistake("your output matches eps added outside the square root: sqrt(var) + eps "
                "instead of sqrt(var + eps)", _variant(eps_outside=True)),
        Mistake("your output matches the variance computed as E[x^2] - E[x]^2, which "
                "cancels catastrophically when the mean is large", _variant(one_pass=True)),
        Mistake("your output matches gamma and beta swapped: gamma scales, beta shifts",
                _swapped),
        Mistake("your output matches layer norm without eps", _no_eps),
        Mistake("your output matches a division by var + eps: the square root is missing",
                _variant(root=False)),
        Mistake("your output matches mean and variance over the whole array instead of "
                "the last axis", _variant(axis=None)),
        Mistake("your output matches the normalisation without gamma and beta",
                _no_affine),
    ],
    torch_oracle=torch_oracle,
)
