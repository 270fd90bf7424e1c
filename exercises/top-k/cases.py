"""Test specification of the top-k kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240606)

    def logits(*shape: int, scale: float = 2.0, dtype: Any = np.float64) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(dtype)

    ties = np.array([[1.0, 3.0, 2.0, 3.0, 0.5, 2.0],
                     [0.0, 0.0, 0.0, 1.0, -1.0, 0.0]])
    return [
        Case("1-D row, k=3", (logits(10), 3)),
        Case("batch (4, 12), k=5", (logits(4, 12), 5)),
        Case("several leading axes (2, 3, 10), k=2", (logits(2, 3, 10), 2)),
        Case("k=1 keeps only the maximum", (logits(5, 8), 1)),
        Case("k equal to the vocabulary keeps all", (logits(3, 6), 6)),
        Case("k above the vocabulary keeps all", (logits(3, 6), 50)),
        Case("ties at the k-th value are kept", (ties, 2)),
        Case("ties, k=3", (ties, 3)),
        Case("negative large logits", (logits(3, 9, scale=1000.0) - 5000.0, 4)),
        Case("vocabulary of 1", (logits(4, 1), 1)),
        Case("float32 (6, 32), k=7", (logits(6, 32, dtype=np.float32), 7)),
    ]


def _filter(logits: Any, keep: Any, fill: float = -np.inf) -> Any:
    return np.where(keep, logits, fill).astype(logits.dtype)


def _by_count(logits: Any, k: int, *, largest: bool = True, axis: int = -1) -> Any:
    """Exactly min(k, vocab) entries by position (ties broken by index)."""
    moved = np.moveaxis(logits, axis, -1)
    k = min(k, moved.shape[-1])
    order = np.argsort(-moved if largest else moved, axis=-1, kind="stable")[..., :k]
    keep = np.zeros(moved.shape, dtype=bool)
    np.put_along_axis(keep, order, True, axis=-1)
    return np.moveaxis(_filter(moved, keep), -1, axis)


def _threshold(logits: Any, k: int, fill: float = -np.inf) -> Any:
    vocab = logits.shape[-1]
    if k >= vocab:
        return logits.copy()
    kth = np.sort(logits, axis=-1)[..., vocab - k][..., None]
    return _filter(logits, logits >= kth, fill)


def _exactly_k(logits: Any, k: int) -> Any:
    return _by_count(logits, k)


def _smallest(logits: Any, k: int) -> Any:
    return _by_count(logits, k, largest=False)


def _zero_fill(logits: Any, k: int) -> Any:
    return _threshold(logits, k, fill=0.0)


def _big_negative(logits: Any, k: int) -> Any:
    return _threshold(logits, k, fill=-1e9)


def _off_by_one(logits: Any, k: int) -> Any:
    return _threshold(logits, k + 1)


def _k_minus_one(logits: Any, k: int) -> Any:
    """One index too far in the sorted row, behind the usual `k >= vocab` guard (k = 1
    then keeps the maximum, right by luck)."""
    if k >= logits.shape[-1]:
        return logits.copy()
    return _threshold(logits, max(k - 1, 1))


def _axis0(logits: Any, k: int) -> Any:
    return _by_count(logits, k, axis=0) if logits.ndim > 1 else _by_count(logits, k)


def torch_oracle(logits: Any, k: int) -> Any:
    import torch

    t = torch.from_numpy(logits)
    k = min(k, t.shape[-1])  # as Hugging Face's TopKLogitsWarper clamps it
    kth = torch.topk(t, k, dim=-1).values[..., -1, None]
    return t.masked_fill(t < kth, float("-inf")).numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output keeps exactly k entries and drops ties with the k-th value: "
                "remove only entries strictly below it", _exactly_k),
        Mistake("your output keeps the k smallest logits instead of the k largest", _smallest),
        Mistake("your output sets removed logits to 0 instead of -inf (0 is still a likely "
                "token after the softmax)", _zero_fill),
        Mistake("your output uses -1e9 instead of -inf for removed logits", _big_negative),
        Mistake("your output keeps k + 1 entries (an off-by-one in the k-th index)",
                _off_by_one),
        Mistake("your output keeps k - 1 entries (an off-by-one in the k-th index)",
                _k_minus_one),
        Mistake("your output filters along axis 0 instead of each row (the last axis)",
                _axis0),
    ],
    torch_oracle=torch_oracle,
)
