"""Code that forks, reads the grader's reference, or writes outside its workspace: the
verdict stays what the computation earns, and the report says what happened."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.paths import exercises_dir
from tests.cli import run_cli

SOFTMAX = """
import numpy as np

def _softmax(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
"""


def solution(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "workspace" / "softmax_numpy.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOFTMAX + textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_fork_does_not_change_the_verdict(tmp_path: Path) -> None:
    # The forked child runs the rest of the cases with a wrong answer and reaches the end
    # of the harness too; only the original process may write the verdict.
    path = solution(
        tmp_path,
        """
        import os
        forked = []

        def softmax(x, axis=-1):
            if not forked:
                forked.append(os.fork())
            if forked[0] == 0:
                return np.zeros_like(x)
            return _softmax(x, axis)
    """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.PASSED
    assert any("forked a process" in n for n in report.notes)


def test_reading_the_reference_is_reported(tmp_path: Path) -> None:
    reference = exercises_dir() / "softmax" / "solution_numpy.py"
    path = solution(
        tmp_path,
        f"""
        namespace = {{}}
        exec(open({str(reference)!r}).read(), namespace)
        softmax = namespace["softmax"]
    """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.PASSED  # it does compute softmax...
    assert any("opened the grader's own file" in n and "solution_numpy.py" in n
               for n in report.notes)  # fmt: skip


def test_writing_outside_the_workspace_is_reported(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    path = solution(
        tmp_path,
        f"""
        def softmax(x, axis=-1):
            with open({str(outside)!r}, "a") as f:
                f.write("x")
            with open("notes.txt", "w") as f:  # inside the workspace: fine
                f.write("ok")
            return _softmax(x, axis)
    """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.PASSED
    assert [n for n in report.notes if "wrote to" in n] == [
        f"your code wrote to {outside}, outside the kata workspace"
    ]
    assert outside.exists()


def test_a_wrong_answer_stays_wrong_whatever_else_happens(tmp_path: Path) -> None:
    path = solution(
        tmp_path,
        """
        import subprocess

        def softmax(x, axis=-1):
            subprocess.run(["true"])
            return _softmax(x, 0)
    """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.FAILED
    assert any("started a program" in n for n in report.notes)


def test_notes_appear_in_the_report_and_json(tmp_path: Path) -> None:
    outside = tmp_path / "out.txt"
    path = solution(
        tmp_path,
        f"""
        def softmax(x, axis=-1):
            open({str(outside)!r}, "w").close()
            return _softmax(x, axis)
    """,
    )
    text = run_cli("kata", "check", "softmax", "--file", str(path))
    assert text.returncode == 0, text.stdout + text.stderr
    assert "Note: your code wrote to" in text.stdout
    as_json = json.loads(run_cli("kata", "check", "softmax", "--file", str(path), "--json").stdout)
    assert as_json["passed"] is True
    assert as_json["notes"] == [f"your code wrote to {outside}, outside the kata workspace"]
