"""Test specification of the layer-norm-backward kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240617)

    def args(*shape: int, scale: float = 1.0, offset: float = 0.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:  # fmt: skip
        dout = rng.standard_normal(shape)
        x = offset + rng.standard_normal(shape) * scale
        gamma = rng.uniform(0.5, 1.5, shape[-1])
        return tuple(a.astype(dtype) for a in (dout, x, gamma))

    far = args(3, 8)
    far[1][:] *= np.array([[1e-2], [1.0], [1e3]])
    return [
        Case("batch (4, 8)", args(4, 8), {"eps": 1e-5}),
        Case("several leading axes (2, 3, 16): dgamma, dbeta sum over both",
             args(2, 3, 16, scale=3.0), {"eps": 1e-5}),
        Case("near-constant rows (eps matters)", args(4, 8, scale=1e-3, offset=5.0),
             {"eps": 1e-5}),
        Case("non-default eps=0.1", args(3, 6, scale=0.5), {"eps": 0.1}),
        Case("rows far apart in scale", far, {"eps": 1e-5}),
        Case("large common offset 1e4", args(2, 8, offset=1e4), {"eps": 1e-5}),
        Case("one feature (d = 1)", args(3, 1), {"eps": 1e-5}),
        Case("float32 (4, 64)", args(4, 64, scale=2.0, dtype=np.float32), {"eps": 1e-5}),
    ]


def _backward(dout: Any, x: Any, gamma: Any, eps: float = 1e-5, *, ddof: int = 0,
              eps_outside: bool = False, mean_term: bool = True, var_term: bool = True,
              gamma_in_dx: bool = True, dgamma_from_x: bool = False,
              sum_axis0: bool = False, swap: bool = False) -> Any:  # fmt: skip
    """The backward pass with one of its classic mistakes switched on."""
    d = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    centered = x - mean
    var = (centered**2).sum(axis=-1, keepdims=True) / (d - ddof)  # ddof=1, d=1: NaN, as np.var
    std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    x_hat = centered / std
    lead = (lambda a: a.sum(axis=0)) if sum_axis0 else (lambda a: a.reshape(-1, d).sum(axis=0))
    dbeta = lead(dout)
    dgamma = lead(dout * (x if dgamma_from_x else x_hat))
    g = dout * gamma if gamma_in_dx else dout
    dx = g
    if mean_term:
        dx = dx - g.mean(axis=-1, keepdims=True)
    if var_term:
        dx = dx - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)
    dx = dx / std
    return (dx, dbeta, dgamma) if swap else (dx, dgamma, dbeta)


def _variant(**how: Any) -> Any:
    def run(dout: Any, x: Any, gamma: Any, eps: float = 1e-5) -> Any:
        return _backward(dout, x, gamma, eps, **how)

    return run


def _no_eps(dout: Any, x: Any, gamma: Any, eps: float = 1e-5) -> Any:
    return _backward(dout, x, gamma, 0.0)


def torch_oracle(dout: Any, x: Any, gamma: Any, eps: float = 1e-5) -> Any:
    """Autograd through torch's own layer norm."""
    import torch
    import torch.nn.functional as F

    xt = torch.from_numpy(x).requires_grad_(True)
    g = torch.from_numpy(gamma).requires_grad_(True)
    b = torch.zeros_like(g, requires_grad=True)
    F.layer_norm(xt, (x.shape[-1],), g, b, eps).backward(torch.from_numpy(dout))
    grads = (xt.grad, g.grad, b.grad)
    assert all(t is not None for t in grads)
    return tuple(t.numpy() for t in grads if t is not None)


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your dx matches the mean term dropped: subtract mean(g) over the row "
                "(g = dout * gamma), since every x moves the row's mean",
                _variant(mean_term=False)),
        Mistake("your dx matches the variance term dropped: subtract "
                "x_hat * mean(g * x_hat) over the row, since every x moves the variance",
                _variant(var_term=False)),
        Mistake("your dx matches mean and variance treated as constants (dx = dout * gamma "
                "/ std): both row means of the full formula are missing",
                _variant(mean_term=False, var_term=False)),
        Mistake("your output matches the unbiased variance (divided by d - 1): layer norm's "
                "forward pass divides by d", _variant(ddof=1)),
        Mistake("your output matches eps added outside the square root: sqrt(var) + eps "
                "instead of sqrt(var + eps)", _variant(eps_outside=True)),
        Mistake("your output matches eps left out: it is inside the root in the forward "
                "pass, so it is in the backward pass", _no_eps),
        Mistake("your dx matches the gradient without gamma: dL/dx_hat is dout * gamma",
                _variant(gamma_in_dx=False)),
        Mistake("your dgamma matches sum(dout * x): gamma multiplies the normalised x_hat",
                _variant(dgamma_from_x=True)),
        Mistake("your dgamma and dbeta match sums over the first axis only: sum over every "
                "leading axis, to shape (d,)", _variant(sum_axis0=True)),
        Mistake("your output matches dgamma and dbeta swapped: return (dx, dgamma, dbeta)",
                _variant(swap=True)),
    ],
    torch_oracle=torch_oracle,
)
