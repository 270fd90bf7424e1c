"""Test specification of the feed-forward kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

_erf = np.vectorize(math.erf, otypes=[np.float64])


def cases() -> list[Case]:
    rng = np.random.default_rng(20240609)

    def args(*lead: int, d_model: int, d_ff: int, scale: float = 1.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        x = rng.standard_normal((*lead, d_model)) * scale
        # Weights ~ N(0, 1/fan_in): pre-activations of order 1, both signs of the GELU.
        w1 = rng.standard_normal((d_model, d_ff)) / math.sqrt(d_model)
        b1 = rng.standard_normal(d_ff) * 0.5
        w2 = rng.standard_normal((d_ff, d_model)) / math.sqrt(d_ff)
        b2 = rng.standard_normal(d_model) * 0.5
        return tuple(a.astype(dtype) for a in (x, w1, b1, w2, b2))

    return [
        Case("one sequence (5, 8), d_ff = 32", args(5, d_model=8, d_ff=32)),
        Case("batch (2, 4, 8), d_ff = 32", args(2, 4, d_model=8, d_ff=32)),
        Case("several leading axes (2, 3, 4, 6), d_ff = 24", args(2, 3, 4, d_model=6, d_ff=24)),
        Case("square d_ff = d_model (3, 8)", args(3, d_model=8, d_ff=8)),
        Case("large pre-activations (both GELU tails)", args(4, d_model=8, d_ff=32, scale=6.0)),
        Case("one position (1, 4), d_ff = 16", args(1, d_model=4, d_ff=16)),
        Case("float32 (2, 6, 16), d_ff = 64", args(2, 6, d_model=16, d_ff=64, dtype=np.float32)),
    ]


def gelu(h: Any) -> Any:
    return 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)).astype(h.dtype))


def _gelu_tanh(h: Any) -> Any:
    return 0.5 * h * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * h**3)))


def _gelu_sigmoid(h: Any) -> Any:
    return h / (1.0 + np.exp(-1.702 * h))


def _relu(h: Any) -> Any:
    return np.maximum(h, 0.0)


def _ffn(x: Any, w1: Any, b1: Any, w2: Any, b2: Any, *, act: Any = gelu,
         bias_after: bool = False, second_bias: bool = True, first_bias: bool = True) -> Any:
    h = x @ w1
    if first_bias and not bias_after:
        h = h + b1
    a = act(h)
    if bias_after:
        a = a + b1
    out = a @ w2
    return out + b2 if second_bias else out


def _variant(**how: Any) -> Any:
    def run(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
        return _ffn(x, w1, b1, w2, b2, **how)

    return run


def _transposed(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    return _ffn(x, w1.T, b1, w2.T, b2)


def torch_oracle(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    import torch.nn.functional as F
    from torch import from_numpy as t

    # F.linear computes x @ W^T + b: pass the transposed weights.
    h = F.gelu(F.linear(t(x), t(w1).T, t(b1)))  # approximate="none", the exact GELU
    return F.linear(h, t(w2).T, t(b2)).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches the tanh approximation of GELU: this kata grades the "
                "exact GELU, 0.5 * z * (1 + erf(z / sqrt(2)))", _variant(act=_gelu_tanh)),
        Mistake("your output matches the sigmoid approximation z * sigmoid(1.702 z): this "
                "kata grades the exact (erf) GELU", _variant(act=_gelu_sigmoid)),
        Mistake("your output matches ReLU instead of GELU", _variant(act=_relu)),
        Mistake("your output matches b1 added after the activation: GELU(x @ w1 + b1), not "
                "GELU(x @ w1) + b1", _variant(bias_after=True)),
        Mistake("your output matches the block without the second bias b2",
                _variant(second_bias=False)),
        Mistake("your output matches the block without the first bias b1",
                _variant(first_bias=False)),
        Mistake("your output matches the weights applied as x @ w.T: this kata applies "
                "them as x @ w (w1 is (d_model, d_ff))", _transposed),
    ],
    torch_oracle=torch_oracle,
)
