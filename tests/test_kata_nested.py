"""Arguments and results nested deeper than a tuple of arrays, or holding None: a list of
gradients where a frozen parameter's is None, and a result `(clipped_list, norm)`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from interviewprep.katas.catalog import Kata, load_catalog
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import decode_tree
from tests.kata_helpers import HAS_TORCH

INFO = """
format_version = 1

[[kata]]
name = "halve-all"
function = "halve_all"
section = "Beyond the guide: tests"
difficulty = "easy"
summary = "Halve every array of a list; None stays None."
"""

CASES = """
import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases():
    a, b = np.array([1.0, 2.0]), np.arange(6.0).reshape(2, 3)
    return [
        Case("a None in the middle", ([a, None, b],)),
        Case("float32", ([a.astype(np.float32), None],)),
        Case("no None", ([b],)),
    ]


def _quartered(grads):
    out = [None if g is None else g / 4 for g in grads]
    return out, sum(float(g.sum()) for g in out if g is not None)


SPEC = KataSpec(cases=cases, mistakes=[Mistake("quartered, not halved", _quartered)])
"""

SOLUTION = """
def halve_all(grads):
    out = [None if g is None else g / 2 for g in grads]
    return out, sum(float(g.sum()) for g in out if g is not None)
"""


def kata(tmp_path: Path) -> Kata:
    root = tmp_path / "exercises"
    (root / "halve-all").mkdir(parents=True, exist_ok=True)
    (root / "halve-all" / "cases.py").write_text(CASES, encoding="utf-8")
    (root / "halve-all" / "solution_numpy.py").write_text(SOLUTION, encoding="utf-8")
    (root / "info.toml").write_text(INFO, encoding="utf-8")
    return load_catalog(root)[0]


def user_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "work" / "halve_all_numpy.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_list_holding_none_goes_in_and_comes_back(tmp_path: Path) -> None:
    report = grade(kata(tmp_path), user_file(tmp_path, SOLUTION))
    assert report.status is GradeStatus.PASSED, report.to_json()


def test_a_tuple_instead_of_the_list_passes_too(tmp_path: Path) -> None:
    body = SOLUTION.replace("return out,", "return tuple(out),")
    assert grade(kata(tmp_path), user_file(tmp_path, body)).status is GradeStatus.PASSED


def test_an_array_where_none_belongs_is_named(tmp_path: Path) -> None:
    body = """
    import numpy as np

    def halve_all(grads):
        out = [np.zeros(1) if g is None else g / 2 for g in grads]
        return out, sum(float(g.sum()) for g in out)
    """
    report = grade(kata(tmp_path), user_file(tmp_path, body))
    assert report.status is GradeStatus.FAILED
    assert report.cases[0].message == "item 0: item 1: expected None, got an array"
    assert report.cases[2].passed  # no None in that case
    assert "grads [(2,) float64, None, (2, 3) float64]" in report.cases[0].inputs


def test_a_missing_item_and_a_catalogued_mistake_inside_the_list(tmp_path: Path) -> None:
    dropped = SOLUTION.replace("for g in grads]", "for g in grads if g is not None]")
    report = grade(kata(tmp_path), user_file(tmp_path, dropped))
    assert report.cases[0].message == "item 0: expected a list of 3 items, got 2 items"
    # Every None dropped: an empty list, not an array of shape (0,).
    only_none = kata(tmp_path)
    cases = CASES.replace('Case("no None", ([b],)),', 'Case("only None", ([None],)),')
    only_none.cases_file.write_text(cases, encoding="utf-8")
    report = grade(only_none, user_file(tmp_path, dropped))
    assert report.cases[2].message == "item 0: expected a list of 1 items, got 0 items"
    stacked = SOLUTION.replace("return out,", "return [0.0],")
    report = grade(only_none, user_file(tmp_path, stacked))
    assert report.cases[2].message == "item 0: expected a list of 1 items, got an array"
    quartered = SOLUTION.replace("g / 2", "g / 4")
    report = grade(kata(tmp_path), user_file(tmp_path, quartered))
    assert report.status is GradeStatus.FAILED
    assert report.diagnosis == "quartered, not halved"


def test_the_float32_tolerance_is_read_inside_the_list(tmp_path: Path) -> None:
    # 1e-5 off in float32 passes (rtol 2e-4), as for a float32 array passed directly.
    body = SOLUTION.replace("g / 2", "g / 2 * (1 + 1e-5 * (g.dtype.itemsize == 4))")
    assert grade(kata(tmp_path), user_file(tmp_path, body)).status is GradeStatus.PASSED


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")
def test_the_torch_track_gets_tensors_inside_the_list(tmp_path: Path) -> None:
    body = """
    import torch

    def halve_all(grads):
        assert all(g is None or isinstance(g, torch.Tensor) for g in grads)
        out = [None if g is None else g / 2 for g in grads]
        return out, sum(g.sum() for g in out if g is not None)
    """
    report = grade(kata(tmp_path), user_file(tmp_path, body), "torch")
    assert report.status is GradeStatus.PASSED, report.to_json()


def test_decode_tree_rebuilds_the_layout_and_notes_every_array() -> None:
    arrays = {0: np.zeros(2), 1: np.ones(3)}
    used: list[int] = []
    value = decode_tree({"tuple": [{"list": [0, None]}, 1]}, arrays, used)
    assert isinstance(value, tuple) and isinstance(value[0], list)
    assert value[0][1] is None and value[1] is arrays[1]
    assert used == [0, 1]
    with pytest.raises(KeyError):
        decode_tree({"list": [2]}, arrays, [])
    with pytest.raises(ValueError):
        decode_tree({"dict": []}, arrays, [])
