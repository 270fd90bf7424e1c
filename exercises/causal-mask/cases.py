"""Test specification of the causal-mask kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    return [Case(f"n={n}", (n,), exact=True) for n in (1, 2, 3, 5, 8, 33)]


def _strict(n: int) -> Any:
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


def _upper(n: int) -> Any:
    return np.triu(np.ones((n, n), dtype=bool))


def _inverted(n: int) -> Any:
    return ~np.tril(np.ones((n, n), dtype=bool))


def _float(n: int) -> Any:
    return np.tril(np.ones((n, n)))


def _int(n: int) -> Any:
    return np.tril(np.ones((n, n), dtype=np.int64))


def _additive(n: int) -> Any:
    return np.where(np.tril(np.ones((n, n), dtype=bool)), 0.0, -np.inf)


def torch_oracle(n: int) -> Any:
    import torch

    # nn.Transformer's helper gives the additive float form; True = attend is its == 0.
    return (torch.nn.Transformer.generate_square_subsequent_mask(n) == 0).numpy()


_NUMBERS = "right pattern, but as numbers: return a boolean array (dtype bool)"
SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your mask leaves out the diagonal: a token must be able to attend to "
                "itself (j <= i, not j < i)", _strict),
        Mistake("your mask is the transpose: True where j >= i lets tokens see the future",
                _upper),
        Mistake("your mask is inverted: here True means 'may attend' (torch's boolean "
                "attn_mask convention), not 'blocked'", _inverted),
        Mistake(_NUMBERS, _float),
        Mistake(_NUMBERS, _int),
        Mistake("your output is an additive float mask (0 / -inf); return booleans, "
                "True = may attend", _additive),
    ],
    torch_oracle=torch_oracle,
)
