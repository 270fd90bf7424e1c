"""When the grader cannot read a result, or fails itself, the report says so and does not
blame the person's code; what can be converted (sparse, float8, bfloat16) is."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade, run_summary
from interviewprep.katas.runner import Call, RunStatus, run_user_code
from tests.kata_helpers import HAS_TORCH

needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")

TORCH_SOFTMAX = """
import torch


def softmax(x, axis=-1):
    return {expression}
"""


def torch_file(tmp_path: Path, expression: str) -> Path:
    path = tmp_path / "softmax_torch.py"
    path.write_text(TORCH_SOFTMAX.format(expression=expression), encoding="utf-8")
    return path


@needs_torch
@pytest.mark.parametrize(
    "expression",
    [
        "torch.softmax(x, dim=axis).to_sparse()",
        "torch.softmax(x, dim=axis).to_sparse_csr() if x.ndim == 2 else torch.softmax(x, axis)",
    ],
)
def test_a_sparse_tensor_is_read_as_the_dense_values_it_holds(
    tmp_path: Path, expression: str
) -> None:
    report = grade(find_kata("softmax"), torch_file(tmp_path, expression), "torch")
    assert report.status is GradeStatus.PASSED, report.to_json()


@needs_torch
@pytest.mark.parametrize("dtype", ["float8_e4m3fn", "float8_e5m2", "bfloat16"])
def test_a_low_precision_tensor_is_read_and_judged_on_its_values(
    tmp_path: Path, dtype: str
) -> None:
    expression = f"torch.softmax(x, dim=axis).to(torch.{dtype})"
    report = grade(find_kata("softmax"), torch_file(tmp_path, expression), "torch")
    # Read and compared: wrong in the last digits, never "your code exited the process".
    assert report.status is not GradeStatus.ERROR, report.to_json()
    assert report.run is not None and report.run.status is RunStatus.OK
    assert report.cases and all(c.message for c in report.cases)


@needs_torch
def test_a_meta_tensor_is_a_result_the_grader_could_not_read(tmp_path: Path) -> None:
    expression = "torch.empty_like(x, device='meta')"
    report = grade(find_kata("softmax"), torch_file(tmp_path, expression), "torch")
    assert report.status is GradeStatus.FAILED
    assert report.run is not None and report.run.status is RunStatus.OK
    message = report.cases[0].message
    assert message.startswith("the grader could not read your result: ")
    assert "meta" in message


def test_a_failure_of_the_grader_itself_is_reported_as_the_graders(tmp_path: Path) -> None:
    path = tmp_path / "softmax_numpy.py"
    path.write_text(textwrap.dedent("def softmax(x, axis=-1):\n    return x\n"), "utf-8")
    # A call the grader cannot even send to the child: our bug, not the person's.
    run = run_user_code(path, "softmax", [Call("0.0", (lambda: 0,))])
    assert run.status is RunStatus.HARNESS_FAILED
    assert "cannot prepare the job" in run.message
    summary = run_summary(run, path)
    assert summary.startswith("the grader itself failed (a problem in interviewprep, not in your")
