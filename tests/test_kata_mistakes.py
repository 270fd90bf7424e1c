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


def test_overall_diagnosis_names_the_mistake_that_explains_most_failing_cases() -> None:
    from interviewprep.katas.grader import CaseResult, overall_diagnosis

    # On the first case two mistakes give the same output; only "b" explains both.
    results = [
        CaseResult("one", False, "differs", diagnosis="a", matches=("a", "b")),
        CaseResult("two", False, "differs", diagnosis="b", matches=("b",)),
        CaseResult("three", True, "ok"),
    ]
    assert overall_diagnosis(results) == "b"
    assert overall_diagnosis(results[:1]) == "a"  # a tie goes to the first catalogued
    partial = [*results, CaseResult("four", False, "differs")]
    assert overall_diagnosis(partial) == "b (in 2 of 3 failing cases)"
