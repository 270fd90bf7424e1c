"""Test specification of the clip-grad-norm kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

EPS = 1e-6


def cases() -> list[Case]:
    rng = np.random.default_rng(20261215)

    def grads(*shapes: tuple[int, ...] | None, scale: float = 1.0,
              dtype: Any = np.float64) -> list[Any]:
        return [None if s is None else (rng.standard_normal(s) * scale).astype(dtype)
                for s in shapes]  # fmt: skip

    # Per-tensor norms about 4.6, 0.7 and 1.5 (total about 4.8): a limit of 3 clips the
    # total while two of the three tensors are each under it.
    mixed = grads((4, 3), (3,), (2, 2, 2))
    return [
        Case("over the limit: three gradients (norm ~4.8, max_norm 3)", (mixed, 3.0)),
        Case("under the limit: left as they are (max_norm 100)", (mixed, 100.0)),
        Case("far over the limit (max_norm 0.5)", (grads((5, 4), (4,), scale=10.0), 0.5)),
        Case("a frozen parameter (None) in the middle, over the limit",
             (grads((6, 2), None, (2,), scale=3.0), 1.0)),
        Case("None first and last, under the limit",
             (grads(None, (3, 3), (3,), None, scale=0.1), 5.0)),
        Case("one gradient, over the limit", (grads((8,), scale=2.0), 1.0)),
        Case("every gradient None: total_norm 0.0", ([None, None], 1.0)),
        Case("tiny gradients, tiny limit (the 1e-6 matters)",
             (grads((4, 4), (4,), scale=1e-4), 1e-4)),
        Case("float32, over the limit", (grads((16, 8), None, (8,), dtype=np.float32), 1.0)),
        Case("float32, under the limit",
             (grads((3, 5), (5,), scale=0.01, dtype=np.float32), 1.0)),
    ]


def _present(grads: list[Any]) -> list[Any]:
    return [g for g in grads if g is not None]


def _norm(grads: list[Any]) -> float:
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in _present(grads))))


def _scaled(grads: list[Any], scale: float) -> list[Any]:
    return [None if g is None else g * scale for g in grads]


def _per_tensor(grads: list[Any], max_norm: float) -> Any:
    clipped = [None if g is None else g * min(1.0, max_norm / (_norm([g]) + EPS))
               for g in grads]  # fmt: skip
    return clipped, _norm(grads)


def _scales_up(grads: list[Any], max_norm: float) -> Any:
    total = _norm(grads)
    return _scaled(grads, max_norm / (total + EPS)), total


def _norm_after(grads: list[Any], max_norm: float) -> Any:
    clipped = _scaled(grads, min(1.0, max_norm / (_norm(grads) + EPS)))
    return clipped, _norm(clipped)


def _with_norm(norm_of: Any, *, squared: bool = False) -> Any:
    def clip(grads: list[Any], max_norm: float) -> Any:
        total = norm_of(grads)
        clipped = _scaled(grads, min(1.0, max_norm / (total + EPS)))
        return clipped, total * total if squared else total

    return clip


def _sum_of_norms(grads: list[Any]) -> float:
    return float(sum(np.sqrt(np.sum(g * g)) for g in _present(grads)))


def _max_abs(grads: list[Any]) -> float:
    return float(max((np.abs(g).max() for g in _present(grads)), default=0.0))


def _root_mean_square(grads: list[Any]) -> float:
    present = _present(grads)
    if not present:
        return 0.0
    return float(np.sqrt(np.mean(np.concatenate([g.ravel() for g in present]) ** 2)))


def _squared_norm(grads: list[Any]) -> float:
    return _norm(grads) ** 2


def _no_eps(grads: list[Any], max_norm: float) -> Any:
    total = _norm(grads)
    return _scaled(grads, min(1.0, max_norm / total) if total else 1.0), total


def _none_as_zeros(grads: list[Any], max_norm: float) -> Any:
    shape_of = next((g for g in grads if g is not None), np.zeros(1))
    filled = [np.zeros_like(shape_of) if g is None else g for g in grads]
    total = _norm(filled)
    return _scaled(filled, min(1.0, max_norm / (total + EPS))), total


def torch_oracle(grads: list[Any], max_norm: float) -> Any:
    import torch

    params = []
    for g in grads:
        like = torch.zeros(1, dtype=torch.float64) if g is None else torch.from_numpy(g)
        p = torch.zeros_like(like, requires_grad=True)
        p.grad = None if g is None else torch.from_numpy(g.copy())
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)  # in place, on p.grad
    clipped = [None if p.grad is None else p.grad.numpy() for p in params]
    return clipped, float(total)


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches per-tensor clipping, each gradient by its own norm: "
                "one global norm over all of them decides one scale for all",
                _per_tensor),
        Mistake("your output matches scaling up below the limit, by max_norm / "
                "(total_norm + 1e-6) always: the scale is min(1, ...), so gradients under "
                "the limit are left as they are", _scales_up),
        Mistake("your output matches the norm returned after clipping: total_norm is "
                "the norm of the gradients as they came in", _norm_after),
        Mistake("your output matches total_norm as the sum of the per-tensor norms: the "
                "global norm is sqrt(sum of every squared entry)",
                _with_norm(_sum_of_norms)),
        Mistake("your output matches the largest absolute entry (the inf-norm) as "
                "total_norm: this kata's norm is L2", _with_norm(_max_abs)),
        Mistake("your output matches a root mean square (a mean of the squares, not "
                "their sum) as total_norm", _with_norm(_root_mean_square)),
        Mistake("your output matches the squared norm: take the square root of the sum "
                "of squares", _with_norm(_squared_norm)),
        Mistake("your output returns total_norm squared while clipping with the right "
                "norm", _with_norm(_norm, squared=True)),
        Mistake("your output matches max_norm / total_norm without the 1e-6: this kata "
                "(and torch) divide by total_norm + 1e-6", _no_eps),
        Mistake("your output has zeros where the gradient was None: a frozen "
                "parameter's gradient stays None", _none_as_zeros),
    ],
    torch_oracle=torch_oracle,
)
