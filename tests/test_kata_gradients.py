"""The backward-pass katas' references are the gradients of the losses they claim to
differentiate: each is checked against central finite differences of the forward pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from interviewprep.katas.catalog import find_kata, load_reference, load_references, load_spec

STEP = 1e-6  # central differences: error ~ STEP**2 * f''', rounding ~ 1e-16 / STEP


def central_differences(f: Callable[[Any], float], x: Any, step: float = STEP) -> Any:
    """d f / d x, one coordinate at a time: (f(x + h) - f(x - h)) / 2h."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        h = step * max(1.0, abs(float(x[i])))
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)
    return grad


def float64_cases(kata: str) -> list[Any]:
    """The kata's graded cases in float64 (float32 differences are too coarse)."""
    cases = load_spec(find_kata(kata)).cases()
    return [c for c in cases if all(getattr(a, "dtype", np.float64) != np.float32
                                    for a in c.args)]  # fmt: skip


CE_CASES = float64_cases("ce-backward")


@pytest.mark.parametrize("case", CE_CASES, ids=[c.name for c in CE_CASES])
def test_ce_backward_is_the_gradient_of_the_mean_cross_entropy(case: Any) -> None:
    grad = load_reference(find_kata("ce-backward"))
    loss = load_references(find_kata("cross-entropy"))["cross_entropy"]
    logits, targets = case.args
    ignore = case.kwargs.get("ignore_index", -100)
    numeric = central_differences(lambda x: float(loss(x, targets, ignore)), logits)
    analytic = grad(logits, targets, ignore)
    # Logits scaled by 1000 give losses near 1000: rounding error ~1e-13 / 1e-3 there.
    scale = max(1.0, float(np.abs(logits).max()) / 100)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7 * scale)


def test_finite_differences_see_a_wrong_gradient() -> None:
    """The check has teeth: the gradient of the sum (no / n) is not the mean's."""
    loss = load_references(find_kata("cross-entropy"))["cross_entropy"]
    logits, targets = CE_CASES[1].args
    numeric = central_differences(lambda x: float(loss(x, targets)), logits)
    n_valid = np.count_nonzero(targets != -100)
    wrong = load_reference(find_kata("ce-backward"))(logits, targets) * n_valid
    assert not np.allclose(wrong, numeric, rtol=1e-5, atol=1e-7)


LN_CASES = float64_cases("layer-norm-backward")


@pytest.mark.parametrize("case", LN_CASES, ids=[c.name for c in LN_CASES])
def test_layer_norm_backward_is_the_gradient_of_layer_norm(case: Any) -> None:
    backward = load_reference(find_kata("layer-norm-backward"))
    forward = load_reference(find_kata("layer-norm"))
    dout, x, gamma = case.args
    eps = case.kwargs["eps"]
    beta = np.zeros_like(gamma)

    def loss(x: Any, gamma: Any, beta: Any) -> float:  # sum(dout * y): its dy is dout
        return float(np.sum(dout * forward(x, gamma, beta, eps)))

    numeric = (
        central_differences(lambda v: loss(v, gamma, beta), x),
        central_differences(lambda v: loss(x, v, beta), gamma),
        central_differences(lambda v: loss(x, gamma, v), beta),
    )
    for name, analytic, expected in zip(("dx", "dgamma", "dbeta"), backward(dout, x, gamma, eps),
                                        numeric, strict=True):  # fmt: skip
        # A large offset makes x + h lose digits: the step is relative to |x|.
        scale = float(np.abs(expected).max()) + 1.0
        np.testing.assert_allclose(analytic, expected, rtol=1e-4, atol=1e-6 * scale,
                                   err_msg=name)  # fmt: skip
