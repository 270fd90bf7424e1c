"""A kata may ask for several functions (info.toml `functions`): each case names the one
it calls, and each catalogued mistake the one it is a variant of."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.errors import UserError
from interviewprep.katas.catalog import Kata, load_catalog, load_references
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import RunStatus
from interviewprep.katas.status import kata_statuses

INFO = """
format_version = 1

[[kata]]
name = "pair"
functions = ["double", "halve"]
section = "Beyond the guide: tests"
difficulty = "easy"
summary = "Two functions."

[[kata]]
name = "single"
function = "double"
section = "Beyond the guide: tests"
difficulty = "easy"
summary = "One function."
"""

CASES = """
import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases():
    x = np.array([1.0, 2.0, 4.0])
    return [
        Case("double", (x,)),
        Case("halve", (x,), function="halve"),
        Case("halve again", (x * 3,), function="halve"),
    ]


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        # Tried on the cases of double only: on halve's it would match `x * 3`.
        Mistake("double: tripled instead", lambda x: x * 3),
        Mistake("halve: divided by four", lambda x: x / 4, variant_of="halve"),
    ],
)
"""

SOLUTION = """
def double(x):
    return x * 2


def halve(x):
    return x / 2
"""


def catalog(tmp_path: Path, info: str = INFO) -> list[Kata]:
    root = tmp_path / "exercises"
    for name in ("pair", "single"):
        (root / name).mkdir(parents=True)
        (root / name / "cases.py").write_text(CASES, encoding="utf-8")
        (root / name / "solution_numpy.py").write_text(SOLUTION, encoding="utf-8")
    (root / "info.toml").write_text(info, encoding="utf-8")
    return load_catalog(root)


def user_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "work" / "pair_numpy.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_catalogue_lists_every_function_first_one_first(tmp_path: Path) -> None:
    pair, single = catalog(tmp_path)
    assert (pair.function, pair.functions) == ("double", ("double", "halve"))
    assert (single.function, single.functions) == ("double", ("double",))
    assert list(load_references(pair)) == ["double", "halve"]
    assert kata_statuses([pair], {})[0].function == "double, halve"


@pytest.mark.parametrize(
    "entry",
    ['function = "double"\nfunctions = ["double"]', "", "functions = []", "functions = [1]"],
)
def test_a_kata_names_its_functions_exactly_one_way(tmp_path: Path, entry: str) -> None:
    info = INFO.replace('functions = ["double", "halve"]', entry)
    with pytest.raises(UserError, match="pair"):
        catalog(tmp_path, info)


def test_each_case_calls_its_own_function(tmp_path: Path) -> None:
    pair = catalog(tmp_path)[0]
    report = grade(pair, user_file(tmp_path, SOLUTION))
    assert report.status is GradeStatus.PASSED, report.to_json()
    # Had every case called `double`, the halve cases would have failed.
    assert [c.name for c in report.cases] == ["double", "halve", "halve again"]


def test_a_missing_second_function_is_named(tmp_path: Path) -> None:
    pair = catalog(tmp_path)[0]
    report = grade(pair, user_file(tmp_path, "def double(x):\n    return x * 2\n"))
    assert report.status is GradeStatus.ERROR
    assert report.run is not None and report.run.status is RunStatus.MISSING_FUNCTION
    assert report.run.message == "no function halve; the file defines double"


def test_a_mistake_is_tried_only_on_the_cases_of_its_function(tmp_path: Path) -> None:
    pair = catalog(tmp_path)[0]
    quartered = user_file(tmp_path, "def double(x):\n    return x * 2\n\n\n"
                                    "def halve(x):\n    return x / 4\n")  # fmt: skip
    report = grade(pair, quartered)
    assert report.status is GradeStatus.FAILED
    assert report.diagnosis == "halve: divided by four"
    # `x * 3` in halve equals double's mistaken variant on those inputs: not named.
    tripled = user_file(tmp_path, "def double(x):\n    return x * 2\n\n\n"
                                  "def halve(x):\n    return x * 3\n")  # fmt: skip
    report = grade(pair, tripled)
    assert report.status is GradeStatus.FAILED
    assert report.diagnosis is not None and report.diagnosis.startswith(
        "halve: no known mistake fits")  # fmt: skip
