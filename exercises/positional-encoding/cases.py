"""Test specification of the positional-encoding kata.

The tolerance (atol 5e-5) admits float32 output: with positions below 400 the float32
rounding of an angle stays under 3e-5, far below what any catalogued mistake changes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

RTOL, ATOL = 1e-5, 5e-5


def cases() -> list[Case]:
    sizes = [
        ("short sequence (4, 8)", 4, 8),
        ("one position (1, 6)", 1, 6),
        ("d_model = 2 (10, 2)", 10, 2),
        ("d_model not a power of two (12, 6)", 12, 6),
        ("a few hundred positions (300, 16)", 300, 16),
        ("usual width (64, 64)", 64, 64),
        ("d_model = 512 (20, 512)", 20, 512),
    ]
    return [Case(name, (n, d), rtol=RTOL, atol=ATOL) for name, n, d in sizes]


def _pe(seq_len: int, d_model: int, *, swap: bool = False, exponent: str = "pair",
        halves: bool = False, base: float = 10000.0, first: int = 0,
        multiply: bool = False) -> Any:
    pos = np.arange(first, first + seq_len, dtype=np.float64)[:, None]
    j = np.arange(d_model, dtype=np.float64)  # the column index
    power = {"pair": 2 * (j // 2), "full": 2 * j, "column": j, "no-two": j // 2}[exponent]
    freq = base ** (power / d_model) if multiply else base ** (-power / d_model)
    if halves:  # [sin of every frequency | cos of every frequency]
        f = base ** (-np.arange(0, d_model, 2, dtype=np.float64) / d_model)
        angles = pos * f
        first_half, second_half = (np.cos, np.sin) if swap else (np.sin, np.cos)
        return np.concatenate([first_half(angles), second_half(angles)], axis=-1)
    angles = pos * freq
    even = (j % 2 == 0) != swap
    return np.where(even, np.sin(angles), np.cos(angles))


def _variant(**how: Any) -> Any:
    def run(seq_len: int, d_model: int) -> Any:
        return _pe(seq_len, d_model, **how)

    return run


def torch_oracle(seq_len: int, d_model: int) -> Any:
    import math

    import torch

    # The PositionalEncoding module of PyTorch's "Language Modeling with nn.Transformer"
    # tutorial, in float64.
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64)
                         * (-math.log(10000.0) / d_model))
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe.numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches sin and cos swapped: sin on the even columns 2i, cos "
                "on the odd columns 2i + 1", _variant(swap=True)),
        Mistake("your output matches the exponent 2j / d_model with j the column index: "
                "the pair 2i, 2i + 1 shares the exponent 2i / d_model",
                _variant(exponent="full")),
        Mistake("your output matches the exponent j / d_model with j the column index: "
                "odd columns must reuse the exponent 2i / d_model of the column before",
                _variant(exponent="column")),
        Mistake("your output matches the exponent i / d_model: the exponent is "
                "2i / d_model (the even column index)", _variant(exponent="no-two")),
        Mistake("your output matches sin in the first half of the columns and cos in the "
                "second: interleave them, sin on even and cos on odd columns",
                _variant(halves=True)),
        Mistake("your output matches base 1000: the base is 10000", _variant(base=1000.0)),
        Mistake("your output matches positions counted from 1: the first position is 0",
                _variant(first=1)),
        Mistake("your output matches pos * 10000^(2i/d_model): divide by it",
                _variant(multiply=True)),
    ],
    torch_oracle=torch_oracle,
)
