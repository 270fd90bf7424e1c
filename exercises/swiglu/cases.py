"""Test specification of the swiglu kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

_erf = np.vectorize(math.erf, otypes=[np.float64])


def cases() -> list[Case]:
    rng = np.random.default_rng(20261214)

    def args(*lead: int, d_model: int, d_ff: int, scale: float = 1.0,
             dtype: Any = np.float64) -> tuple[Any, ...]:
        x = rng.standard_normal((*lead, d_model)) * scale
        # Weights ~ N(0, 1/fan_in): pre-activations of order `scale`, both signs.
        w_gate = rng.standard_normal((d_model, d_ff)) / math.sqrt(d_model)
        w_up = rng.standard_normal((d_model, d_ff)) / math.sqrt(d_model)
        w_down = rng.standard_normal((d_ff, d_model)) / math.sqrt(d_ff)
        return tuple(a.astype(dtype) for a in (x, w_gate, w_up, w_down))

    return [
        Case("one sequence (5, 8), d_ff = 24 (LLaMA's 8/3 ratio)", args(5, d_model=8, d_ff=24)),
        Case("batch (2, 4, 8), d_ff = 32", args(2, 4, d_model=8, d_ff=32)),
        Case("several leading axes (2, 3, 4, 6), d_ff = 16", args(2, 3, 4, d_model=6, d_ff=16)),
        Case("square d_ff = d_model (3, 8)", args(3, d_model=8, d_ff=8)),
        Case("large pre-activations (both tails of SiLU)", args(4, d_model=8, d_ff=24, scale=8.0)),
        Case("one position (1, 4), d_ff = 12", args(1, d_model=4, d_ff=12)),
        Case("float32 (2, 6, 16), d_ff = 48", args(2, 6, d_model=16, d_ff=48, dtype=np.float32)),
        # Pre-activations beyond 88, where exp(z) overflows float32.
        Case("float32, pre-activations past exp's range (|z| > 88)",
             args(3, d_model=8, d_ff=16, scale=60.0, dtype=np.float32)),
    ]


def _sigmoid(z: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-z))


def _silu(z: Any) -> Any:
    return z * _sigmoid(z)


def _silu_overflowing(z: Any) -> Any:
    e = np.exp(z)  # inf for z > 88 in float32: inf / inf is NaN
    return z * e / (1.0 + e)


def _gelu(z: Any) -> Any:
    return 0.5 * z * (1.0 + _erf(z / math.sqrt(2.0)).astype(z.dtype))


def _gelu_tanh(z: Any) -> Any:
    return 0.5 * z * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))


def _block(x: Any, w_gate: Any, w_up: Any, w_down: Any, *, act: Any = _silu,
           on: str = "gate", up_weight: str = "up", after: bool = False) -> Any:
    gate, up = x @ w_gate, x @ (w_gate if up_weight == "gate" else w_up)
    if after:
        return act(gate * up) @ w_down
    if on == "up":
        return (gate * act(up)) @ w_down
    if on == "none":  # no up branch: a plain SiLU MLP
        return act(gate) @ w_down
    return (act(gate) * up) @ w_down


def _variant(**how: Any) -> Any:
    def run(x: Any, w_gate: Any, w_up: Any, w_down: Any) -> Any:
        return _block(x, w_gate, w_up, w_down, **how)

    return run


def _transposed(x: Any, w_gate: Any, w_up: Any, w_down: Any) -> Any:
    return _block(x, w_gate.T, w_up.T, w_down.T)


def torch_oracle(x: Any, w_gate: Any, w_up: Any, w_down: Any) -> Any:
    import torch.nn.functional as F
    from torch import from_numpy as t

    # F.linear computes x @ W^T: pass the transposed weights, as Llama's MLP stores them.
    gated = F.silu(F.linear(t(x), t(w_gate).T)) * F.linear(t(x), t(w_up).T)
    return F.linear(gated, t(w_down).T).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches SiLU applied to the up branch: SiLU goes on "
                "x @ w_gate, and x @ w_up stays linear", _variant(on="up")),
        Mistake("your output matches a plain sigmoid gate, sigmoid(x @ w_gate) * (x @ "
                "w_up): SiLU is z * sigmoid(z)", _variant(act=_sigmoid)),
        Mistake("your output matches GELU in the gate (that is GeGLU): SwiGLU uses SiLU, "
                "z * sigmoid(z)", _variant(act=_gelu)),
        Mistake("your output matches the tanh GELU in the gate (GeGLU): SwiGLU uses SiLU, "
                "z * sigmoid(z)", _variant(act=_gelu_tanh)),
        Mistake("your output matches SiLU applied after the product, silu(gate * up): "
                "gate first, silu(x @ w_gate) * (x @ w_up)", _variant(after=True)),
        Mistake("your output matches a block without the up branch, silu(x @ w_gate) @ "
                "w_down: multiply by x @ w_up", _variant(on="none")),
        Mistake("your output matches both branches computed with w_gate: the linear "
                "branch is x @ w_up", _variant(up_weight="gate")),
        Mistake("your output is NaN where exp(z) overflows: z * exp(z) / (1 + exp(z)) is "
                "inf / inf for a large z; write sigmoid as 1 / (1 + exp(-z))",
                _variant(act=_silu_overflowing)),
        Mistake("your output matches the weights applied as x @ w.T: this kata applies "
                "them as x @ w (w_gate is (d_model, d_ff))", _transposed),
    ],
    torch_oracle=torch_oracle,
)
