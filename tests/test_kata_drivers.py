"""A case may run the person's function in a loop that feeds its outputs back (a driver,
as an optimiser's 1,000 steps need), and a kata may accept another correct formulation
that differs from its reference only by floating point."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from interviewprep.katas.catalog import Kata, find_kata, load_catalog, load_reference, load_spec
from interviewprep.katas.grader import GradeStatus, call_case, grade
from tests.kata_helpers import HAS_TORCH

INFO = """
format_version = 1

[[kata]]
name = "decay"
function = "step"
section = "Beyond the guide: tests"
difficulty = "easy"
summary = "One step of a decay, run many times."
"""

CASES = """
import numpy as np

from interviewprep.katas.spec import Case, Formulation, KataSpec, Mistake


def run_steps(step, x, steps):
    # Each step's output is the next step's input, on numpy arrays or tensors alike.
    for t in range(1, steps + 1):
        x = step(x, t)
    return x


def late(x, t):
    return x * (1 - 0.01 * (t - 1)) - 0.001 if t > 1 else x * 0.99 - 0.001


def cases():
    x = np.array([1.0, -2.0, 4.0])
    return [
        Case("one step", (x, 1)),
        Case("fifty steps", (x, 50), driver=run_steps),
    ]


SPEC = KataSpec(
    cases=cases,
    mistakes=[Mistake("t counted from 0 after the first step", late)],
    alternatives=[Formulation("shifted", lambda x, t: x * (1 - 0.01 * t) + 1e-3)],
)
"""

SOLUTION = """
def step(x, t):
    return x * (1 - 0.01 * t) - 1e-3
"""


def catalog(tmp_path: Path) -> Kata:
    root = tmp_path / "exercises"
    (root / "decay").mkdir(parents=True)
    (root / "decay" / "cases.py").write_text(CASES, encoding="utf-8")
    (root / "decay" / "solution_numpy.py").write_text(SOLUTION, encoding="utf-8")
    (root / "info.toml").write_text(INFO, encoding="utf-8")
    return load_catalog(root)[0]


def user_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "work" / "decay_numpy.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "track", ["numpy", pytest.param("torch", marks=pytest.mark.skipif(not HAS_TORCH,
                                                                      reason="no torch"))]
)  # fmt: skip
def test_a_driver_feeds_each_output_back(tmp_path: Path, track: str) -> None:
    kata = catalog(tmp_path)
    report = grade(kata, user_file(tmp_path, SOLUTION), track)
    assert report.status is GradeStatus.PASSED, report.to_json()
    # A report names a driver case's inputs by the driver's parameters.
    assert report.cases[1].inputs == "x (3,) float64, steps=50"


def test_a_step_right_once_but_wrong_over_the_loop_fails_with_its_diagnosis(
    tmp_path: Path,
) -> None:
    kata = catalog(tmp_path)
    # Right at t = 1, wrong from t = 2 on: only the fifty-step case can see it.
    wrong = user_file(tmp_path, """
        def step(x, t):
            return x * (1 - 0.01 * (t - 1)) - 0.001 if t > 1 else x * 0.99 - 0.001
    """)  # fmt: skip
    report = grade(kata, wrong)
    assert report.status is GradeStatus.FAILED
    assert [c.passed for c in report.cases] == [True, False]
    assert report.diagnosis == "t counted from 0 after the first step"


def test_another_correct_formulation_passes_and_nothing_else_does(tmp_path: Path) -> None:
    kata = catalog(tmp_path)
    other = user_file(tmp_path, "def step(x, t):\n    return x * (1 - 0.01 * t) + 1e-3\n")
    assert grade(kata, other).status is GradeStatus.PASSED
    neither = user_file(tmp_path, "def step(x, t):\n    return x * (1 - 0.01 * t) + 2e-3\n")
    assert grade(kata, neither).status is GradeStatus.FAILED


# -- adamw-step: 1,000 steps through its driver, and torch's order of operations ----------

TORCH_ORDER = """
import math

import numpy as np


def adamw_step(param, grad, m, v, t, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    beta1, beta2 = betas
    param = param * (1 - lr * weight_decay)
    m = m + (grad - m) * (1 - beta1)
    v = v * beta2 + (1 - beta2) * grad * grad
    denom = np.sqrt(v) / math.sqrt(1 - beta2**t) + eps
    return param - lr / (1 - beta1**t) * (m / denom), m, v
"""


def test_adamw_in_torchs_order_of_operations_passes(tmp_path: Path) -> None:
    path = tmp_path / "adamw_step_numpy.py"
    path.write_text(TORCH_ORDER, encoding="utf-8")
    report = grade(find_kata("adamw-step"), path)
    assert report.status is GradeStatus.PASSED, report.to_json()


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")
def test_adamws_other_formulation_is_torchs_own_step() -> None:
    kata = find_kata("adamw-step")
    spec = load_spec(kata)
    (other,) = spec.alternatives
    for case in spec.cases():
        args = [a.astype(np.float64) if isinstance(a, np.ndarray) else a for a in case.args]
        mine = call_case(other.function, case, args, case.kwargs)
        torch_step = call_case(spec.torch_oracle, case, args, case.kwargs)
        for a, b in zip(mine, torch_step, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-300, err_msg=case.name)


def test_adamw_is_graded_over_a_thousand_steps_that_converge() -> None:
    """The driver's least-squares problem is one AdamW solves: after 1,000 steps the
    gradient is small, so the long cases test a whole run, not a divergence."""
    kata = find_kata("adamw-step")
    spec, reference = load_spec(kata), load_reference(kata)
    long = [c for c in spec.cases() if c.driver is not None]
    assert [c.args[3] for c in long] == [1000, 1000]
    for case in long:
        a, b, start, *_ = case.args
        param, _, _ = call_case(reference, case, case.args, case.kwargs)
        grad = a.T @ (a @ param - b) / len(a)
        start_grad = a.T @ (a @ start - b) / len(a)
        assert np.linalg.norm(grad) < 0.02 * np.linalg.norm(start_grad), case.name
