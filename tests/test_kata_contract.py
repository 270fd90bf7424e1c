"""The whole contract of a kata function is checked, and reports say what is wrong in the
terms of the output's kind (issue 13)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from interviewprep.cli.kata_ui import grade_view
from interviewprep.katas.catalog import find_kata
from interviewprep.katas.compare import compare_array
from interviewprep.katas.grader import GradeReport, GradeStatus, grade
from tests.kata_helpers import FIXTURES, HAS_TORCH, own_solution

needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def text_of(report: GradeReport) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(grade_view(report))
    return out.getvalue()


def test_an_argument_changed_in_place_fails_with_its_name() -> None:
    report = grade(find_kata("bpe-merge"), FIXTURES / "bpe-merge" / "wrong_mutates_words.py")
    assert report.status is GradeStatus.FAILED
    failed = [c for c in report.cases if not c.passed]
    assert failed and all("changed `words` in place" in c.message for c in failed)
    assert all(c.values_passed for c in failed)  # the values were right: only the contract
    assert report.diagnosis is not None and "changed `words` in place" in report.diagnosis


def test_a_float32_input_must_give_a_float32_output() -> None:
    report = grade(find_kata("softmax"), FIXTURES / "softmax" / "wrong_float64_for_float32.py")
    failed = [c for c in report.cases if not c.passed]
    assert {c.name for c in failed} == {c.name for c in report.cases if "float32" in c.name}
    assert all(c.message.startswith("returned float64 for float32 inputs") for c in failed)


def test_a_list_is_not_an_array(tmp_path: Path) -> None:
    path = write(tmp_path, "softmax_numpy.py", own_solution("softmax").replace(
        "return e / np.sum(e, axis=axis, keepdims=True)",
        "return (e / np.sum(e, axis=axis, keepdims=True)).tolist()"))  # fmt: skip
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.FAILED
    assert all("returned a list, not a numpy.ndarray" in " ".join((c.message, *c.details))
               for c in report.cases)  # fmt: skip


@needs_torch
def test_a_numpy_array_on_the_torch_track_is_named() -> None:
    report = grade(find_kata("softmax"), find_kata("softmax").solution("numpy"), "torch")
    assert report.status is GradeStatus.ERROR or all(
        "numpy.ndarray on the torch track" in c.message for c in report.cases)  # fmt: skip


def test_right_code_passes_the_whole_contract_on_both_tracks() -> None:
    for name in ("softmax", "bpe-merge", "beam-search", "kv-cache-step", "perplexity"):
        kata = find_kata(name)
        assert grade(kata, kata.solution("numpy")).passed, name


def test_a_beam_failure_shows_the_tokens_and_scores_expected_and_got() -> None:
    report = grade(find_kata("beam-search"), FIXTURES / "beam-search" / "wrong_greedy.py")
    text = text_of(report)
    assert "tokens: expected [2, 3], got [1, 0, 1, 0]" in text
    assert "log_prob: expected -0.978166, got" in text


def test_the_one_number_hint_needs_a_reduction_not_a_short_sequence() -> None:
    one_token = compare_array(np.array([2, 3]), np.array([3]), 1e-6, 1e-9, exact=True)
    assert "one number" not in one_token.message and "expected [2, 3], got [3]" in one_token.message
    reduced = compare_array(np.ones((3, 4)), np.array(12.0), 1e-6, 1e-9)
    assert "one number: a sum or max over every axis" in reduced.message
    kept = compare_array(np.ones((3, 4)), np.ones((1, 1)), 1e-6, 1e-9)
    assert "one number" in kept.message
    scalar = compare_array(np.array(1.5811), np.array(1.2), 1e-6, 1e-9)
    assert scalar.message == "expected 1.5811, got 1.2"


def test_json_keeps_the_diagnosis_when_a_case_raised(tmp_path: Path) -> None:
    # Scaled by sqrt(d_v), and raising on 2-D inputs: the cases that ran are diagnosed.
    text = (FIXTURES / "attention" / "wrong_sqrt_dv.py").read_text(encoding="utf-8")
    text = text.replace("def scaled_dot_product_attention(", "def _attention(", 1) + (
        "\n\ndef scaled_dot_product_attention(q, k, v, mask=None):\n"
        "    if q.ndim == 2:\n        raise ValueError('batched inputs only')\n"
        "    return _attention(q, k, v, mask)\n")  # fmt: skip
    report = grade(find_kata("attention"), write(tmp_path, "attention_numpy.py", text))
    assert report.status is GradeStatus.ERROR
    data = report.to_json()
    assert data["diagnosis"] is not None and "sqrt(d_v)" in data["diagnosis"]
    assert data["error"]["raised_cases"] >= 1 and "ValueError" in data["error"]["message"]
    assert "sqrt(d_v)" in text_of(report)


def test_json_carries_every_line_of_the_text_report(tmp_path: Path) -> None:
    reports = [
        grade(find_kata("attention"), FIXTURES / "attention" / "wrong_sqrt_dv.py"),
        grade(find_kata("beam-search"), FIXTURES / "beam-search" / "wrong_greedy.py"),
        grade(find_kata("bpe-merge"), FIXTURES / "bpe-merge" / "wrong_mutates_words.py"),
        grade(find_kata("softmax"), write(tmp_path, "softmax_numpy.py", "def softmax(x)\n")),
        grade(find_kata("softmax"), find_kata("softmax").solution("numpy")),
    ]  # fmt: skip
    for report in reports:
        blob = json.dumps(report.to_json(), ensure_ascii=False)
        strings = _strings(report.to_json())
        for line in text_of(report).splitlines():
            line = line.strip(" │╭╮╰╯─✓✗→").strip()
            for prefix in ("Diagnosis: ", "Note: ", "inputs: "):
                line = line.removeprefix(prefix)
            if line:
                assert any(line in s for s in strings) or _summary_line(line, report), (
                    line, blob)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data, *data.splitlines()]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [str(data)]


def _summary_line(line: str, report: GradeReport) -> bool:
    """The text's summary, header and case lines are built from fields the JSON holds."""
    data = report.to_json()
    names = {c["name"] for c in data["cases"]}
    return (
        line.startswith(f"{data['cases_passed']}/{data['cases_total']} cases passed")
        or line.startswith(data["kata"] + " · ")
        or any(line.startswith(n) for n in names)
        or line in ("could not run", "your code printed (last lines):")
        or line.startswith("line ")
    )


def test_the_smallest_failing_case_is_code_that_reproduces_it(tmp_path: Path) -> None:
    # A softmax that is wrong only for rows of one entry: no catalogued mistake does that.
    text = own_solution("softmax").replace(
        "    shifted = x - np.max(x, axis=axis, keepdims=True)",
        "    if x.shape[axis] == 1:\n        return x * 0.5\n"
        "    shifted = x - np.max(x, axis=axis, keepdims=True)")  # fmt: skip
    path = write(tmp_path, "softmax_numpy.py", text)
    report = grade(find_kata("softmax"), path)
    assert report.diagnosis is not None and report.diagnosis.startswith("no known mistake fits")
    assert report.reproduction is not None and "result = softmax(x)" in report.reproduction
    check = ("\nassert np.allclose(result, graded), (result, graded)"
             "\nassert not np.allclose(result, expected)\nprint('reproduced')\n")  # fmt: skip
    run = subprocess.run([sys.executable, "-c", report.reproduction + check], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.stdout.strip() == "reproduced", run.stderr
    assert report.to_json()["reproduction"] == report.reproduction
    assert report.reproduction in text_of(report).replace("\n", "\n")
