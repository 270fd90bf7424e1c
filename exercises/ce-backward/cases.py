"""Test specification of the ce-backward kata."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20240616)

    def logits(*shape: int, scale: float = 2.0, dtype: Any = np.float64) -> Any:
        return (rng.standard_normal(shape) * scale).astype(dtype)

    def targets(shape: tuple[int, ...], v: int, ignored: float = 0.3) -> Any:
        t = rng.integers(0, v, shape)
        t[rng.random(shape) < ignored] = -100
        return t

    batch = targets((3, 7), 12)
    batch[0, [0, -1]] = -100
    batch[1] = -100  # a whole row ignored
    batch[2, 1:3] = rng.integers(0, 12, 2)
    real_class = rng.integers(0, 10, (4, 8))
    real_class[:, ::3] = 3
    return [
        Case("one prediction per row (6, 10), nothing ignored",
             (logits(6, 10), targets((6,), 10, ignored=0.0))),
        Case("batch (3, 7, 12): ignored first, last and a whole row (V < 100)",
             (logits(3, 7, 12), batch)),
        Case("vocabulary of 150 (V > 100: -100 would index class 50)",
             (logits(4, 9, 150), targets((4, 9), 150))),
        Case("logits scaled by 1000 (a naive softmax overflows)",
             (logits(5, 20, scale=1000.0), targets((5,), 20))),
        Case("ignore_index=3 (a real class id)", (logits(4, 8, 10), real_class),
             {"ignore_index": 3}),
        Case("float32 (4, 16, 200) with ignored targets",
             (logits(4, 16, 200, dtype=np.float32), targets((4, 16), 200))),
    ]


def _softmax(logits: Any) -> Any:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _naive_softmax(logits: Any) -> Any:
    e = np.exp(logits)
    return e / e.sum(axis=-1, keepdims=True)


def _grad(logits: Any, targets: Any, ignore_index: int = -100, *, softmax: Any = _softmax,
          sign: float = 1.0, keep_rows: bool = False, divide: str = "valid",
          hard_coded: bool = False, wrap: bool = False) -> Any:  # fmt: skip
    """The gradient with one of its classic mistakes switched on."""
    if hard_coded:
        ignore_index = -100
    probs = softmax(logits)
    valid = targets != ignore_index
    if wrap:  # the target used as an index as it is: -100 reads class V - 100
        grad = probs.copy()
        np.put_along_axis(grad, targets[..., None],
                          np.take_along_axis(grad, targets[..., None], axis=-1) - 1,
                          axis=-1)  # fmt: skip
        return grad / targets.size
    onehot = (np.arange(logits.shape[-1]) == targets[..., None]) & valid[..., None]
    grad = sign * (probs - onehot)
    if not keep_rows:  # kept, an ignored target's row is its softmax
        grad = grad * valid[..., None]
    n = {"valid": int(np.count_nonzero(valid)), "all": targets.size, "none": 1,
         "first": logits.shape[0]}[divide]  # fmt: skip
    return grad / n


def _variant(**how: Any) -> Any:
    def run(logits: Any, targets: Any, ignore_index: int = -100) -> Any:
        return _grad(logits, targets, ignore_index, **how)

    return run


def torch_oracle(logits: Any, targets: Any, ignore_index: int = -100) -> Any:
    """Autograd of torch's own mean cross-entropy."""
    import torch
    import torch.nn.functional as F

    x = torch.from_numpy(logits).requires_grad_(True)
    v = logits.shape[-1]
    loss = F.cross_entropy(x.reshape(-1, v), torch.from_numpy(targets).reshape(-1),
                           ignore_index=ignore_index)  # fmt: skip
    loss.backward()
    assert x.grad is not None
    return x.grad.numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches softmax without subtracting the row maximum: exp "
                "overflows on large logits", _variant(softmax=_naive_softmax)),
        Mistake("your output matches the gradient of the sum, not the mean: divide by the "
                "number of counted targets", _variant(divide="none")),
        Mistake("your output matches the gradient with its sign flipped: it is "
                "softmax - onehot (the loss falls as the target's logit rises)",
                _variant(sign=-1.0)),
        Mistake("your output matches the ignored targets' rows kept (softmax / n there): an "
                "ignored target's row is 0", _variant(keep_rows=True)),
        Mistake("your output matches the ignored targets counted in the denominator: divide "
                "by the number of targets that are not ignored", _variant(divide="all")),
        Mistake("your output matches a division by the size of the first axis (the batch): "
                "divide by the number of counted targets over every leading axis",
                _variant(divide="first")),
        Mistake("your output matches ignore_index hard-coded as -100: use the argument",
                _variant(hard_coded=True)),
        Mistake("your output matches the ignored targets used as indices: -100 subtracts 1 "
                "from class V - 100 (numpy counts from the end) and the row is kept",
                _variant(wrap=True)),
    ],
    torch_oracle=torch_oracle,
)
