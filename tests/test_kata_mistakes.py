"""Realistic wrong solutions fail, with the diagnosis that names their mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from tests.kata_helpers import fixture_expectation, wrong_solutions

CASES = wrong_solutions()


@pytest.mark.parametrize(("kata", "path"), CASES, ids=[f"{k}/{p.stem}" for k, p in CASES])
def test_wrong_solution_fails_with_its_diagnosis(kata: str, path: Path) -> None:
    expect = fixture_expectation(path)
    report = grade(find_kata(kata), path, "numpy")
    if expect.startswith("error"):  # the mistake makes the code raise on some case
        assert report.status is GradeStatus.ERROR
        assert report.run is not None and report.run.line is not None
        # `error; <fragment>`: the cases that did run are diagnosed all the same
        fragment = expect.partition(";")[2].strip()
        if fragment:
            assert report.diagnosis is not None and fragment in report.diagnosis
        return
    assert report.status is GradeStatus.FAILED, report.to_json()
    assert report.exit_code == 1
    assert any(not c.passed for c in report.cases)
    if expect != "-":
        assert report.diagnosis is not None and expect in report.diagnosis, report.diagnosis


def test_a_mistake_is_named_only_when_it_fits_every_case() -> None:
    from interviewprep.katas.diagnosis import Outcome, explain
    from interviewprep.katas.spec import Case, Mistake

    def outcome(x: float, got: float, passed: bool) -> Outcome:
        case = Case(f"x={x}", (x,))
        return Outcome(case, "f", not passed, True, got, None,
                       lambda other: other == 2 * x, lambda other: other == got)  # fmt: skip

    triple = Mistake("tripled", lambda x: 3 * x)
    square = Mistake("squared", lambda x: x * x)
    # f(x) = 2x is right. Their code gives x * x: on x = 3 it equals 3x as well.
    squared_code = [outcome(2.0, 4.0, True), outcome(3.0, 9.0, False), outcome(4.0, 16.0, False)]
    (explanation,) = explain(squared_code, [triple, square], "f")
    assert explanation.message == "squared" and explanation.fitted == (square,)
    # Code right on x = 2 and 4 but 9 on x = 3: x * x fits there, not where they passed.
    one_off = [outcome(2.0, 4.0, True), outcome(3.0, 9.0, False), outcome(4.0, 8.0, True)]
    (explanation,) = explain(one_off, [triple, square], "f")
    assert explanation.message is None
