"""A case may limit the memory its call holds at once (Case.peak_memory): tracemalloc,
started around that call only on the numpy track, sees numpy's buffers, and a right
answer that built a large intermediate whole fails with a message giving both sizes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import CaseResult, GradeStatus, grade, within_peak
from interviewprep.katas.runner import Call, RunStatus, run_user_code
from interviewprep.katas.spec import Case
from tests.kata_helpers import HAS_TORCH

N = 2000  # np.outer of two such vectors is 2000 * 2000 * 8 bytes = 30.5 MiB

INFO = """format_version = 1

[[kata]]
name = "row-max"
function = "outer_row_max"
section = "Beyond the guide: test"
difficulty = "easy"
summary = "max_j a_i * b_j."
"""

CASES = f"""
import numpy as np
from interviewprep.katas.spec import Case, KataSpec

def cases():
    rng = np.random.default_rng(0)
    small = (rng.standard_normal(5), rng.standard_normal(7))
    large = (rng.standard_normal({N}), rng.standard_normal({N}))
    return [Case("small, no limit", small),
            Case("large, at most 4 MiB at once", large, peak_memory=4 * 2**20)]

SPEC = KataSpec(cases=cases, mistakes=[])
"""

LEAN = """
import numpy as np

def outer_row_max(a, b):
    return np.where(a >= 0, a * b.max(), a * b.min())
"""

WHOLE = """
import numpy as np

def outer_row_max(a, b):
    return np.outer(a, b).max(axis=1)
"""

WHOLE_TORCH = """
import torch

def outer_row_max(a, b):
    return torch.outer(a, b).max(dim=1).values
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises" / "row-max"
    folder.mkdir(parents=True)
    (tmp_path / "exercises" / "info.toml").write_text(INFO, encoding="utf-8")
    (folder / "cases.py").write_text(textwrap.dedent(CASES), encoding="utf-8")
    (folder / "solution_numpy.py").write_text(LEAN, encoding="utf-8")
    return tmp_path / "exercises"


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "work" / "row_max_numpy.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_the_child_measures_only_the_calls_that_ask(tmp_path: Path) -> None:
    import numpy as np

    a = np.ones(N)
    calls = [Call("0.0", (a, a), trace_memory=True), Call("1.0", (a, a))]
    run = run_user_code(_file(tmp_path, WHOLE), "outer_row_max", calls)
    assert run.status is RunStatus.OK
    assert set(run.peaks) == {"0.0"}
    assert run.peaks["0.0"] >= N * N * 8  # the (N, N) float64 outer product


def test_a_right_answer_built_whole_fails_with_both_sizes(root: Path, tmp_path: Path) -> None:
    kata = find_kata("row-max", root)
    assert grade(kata, _file(tmp_path, LEAN)).status is GradeStatus.PASSED
    report = grade(kata, _file(tmp_path, WHOLE))
    assert report.status is GradeStatus.FAILED
    small, large = report.cases
    assert small.passed  # no limit on this case: the same code passes it
    assert not large.passed
    assert large.message.startswith("right values, but the call held 3")  # 30.5 MiB or more
    assert "over this case's limit of 4.0 MiB" in large.message
    assert report.to_json()["cases"][1]["message"] == large.message


def test_a_wrong_answer_keeps_its_own_message() -> None:
    failed = CaseResult("large", False, "values differ; first at (0,)")
    limited = Case("large", (), peak_memory=1)
    assert within_peak(failed, limited, [10**9]) is failed
    passed = CaseResult("large", True, "ok")
    assert within_peak(passed, Case("large", ()), [10**9]) is passed  # no limit
    assert within_peak(passed, limited, []) is passed  # not measured (torch track)
    assert not within_peak(passed, limited, [2]).passed


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")
def test_the_torch_track_is_not_measured(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "work" / "row_max_torch.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(WHOLE_TORCH, encoding="utf-8")
    report = grade(find_kata("row-max", root), path, "torch")
    assert report.status is GradeStatus.PASSED, report.to_json()
    assert report.run is not None and report.run.peaks == {}
