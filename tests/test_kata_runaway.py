"""Code that cannot run ends in a clear report with exit code 2, never a hang or a crash."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import (
    MAX_TIMEOUT_S,
    MIN_TIMEOUT_S,
    OUTPUT_LIMIT_BYTES,
    RunStatus,
    check_timeout,
    run_user_code,
)
from tests.cli import assert_clean_failure, run_cli

SOFTMAX_HEAD = "import numpy as np\n\n\ndef softmax(x, axis=-1):\n"

RUNAWAY = {
    "syntax_error": ("import numpy as np\n\n\ndef softmax(x, axis=-1):\n    return x +\n",
                     RunStatus.SYNTAX_ERROR, 5),
    "missing_function": ("import numpy as np\n\n\ndef soft_max(x, axis=-1):\n    return x\n",
                         RunStatus.MISSING_FUNCTION, None),
    "exception": (SOFTMAX_HEAD + "    total = x.sum()\n    return x / totl\n",
                  RunStatus.EXCEPTION, 6),
    "infinite_loop": (SOFTMAX_HEAD + "    while True:\n        x = x + 1\n",
                      RunStatus.TIMEOUT, 6),
    "huge_allocation": (SOFTMAX_HEAD + "    return np.ones((200_000, 200_000))\n",
                        RunStatus.MEMORY, 5),
    "segfault": ("import ctypes\n\n\ndef softmax(x, axis=-1):\n    return ctypes.string_at(0)\n",
                 RunStatus.CRASHED, 5),
    "sys_exit": ("import sys\n\n\ndef softmax(x, axis=-1):\n    sys.exit(0)\n",
                 RunStatus.EXIT, 5),
    "os_exit": ("import os\n\n\ndef softmax(x, axis=-1):\n    os._exit(0)\n",
                RunStatus.EXIT, None),
    "exit_at_import": ("import sys\n\nsys.exit('bye')\n", RunStatus.EXIT, 3),
    "printing_100_mb": (SOFTMAX_HEAD + "    for _ in range(1_000_000):\n"
                        "        print('x' * 100)\n", RunStatus.OUTPUT_LIMIT, 6),
}  # fmt: skip


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(RUNAWAY))
def test_runaway_code_is_reported_as_could_not_run(tmp_path: Path, kind: str) -> None:
    text, status, line = RUNAWAY[kind]
    report = grade(find_kata("softmax"), write(tmp_path, kind, text), "numpy", timeout_s=2.0)
    assert report.status is GradeStatus.ERROR and report.exit_code == 2
    assert report.run is not None
    assert report.run.status is status, report.run
    assert report.run.line == line, report.run
    assert report.to_json()["diagnosis"].startswith("could not run: ")


def test_exception_report_names_the_line_and_the_case(tmp_path: Path) -> None:
    text, _, _ = RUNAWAY["exception"]
    report = grade(find_kata("softmax"), write(tmp_path, "exc", text), "numpy")
    assert report.run is not None
    assert report.run.source_line == "return x / totl"
    assert "NameError" in report.run.message
    assert report.run.case == "1-D vector"
    # Every case raised, and each one says so.
    assert all(c.message.startswith("raised NameError") for c in report.cases)


def test_printing_is_captured_and_capped(tmp_path: Path) -> None:
    text, _, _ = RUNAWAY["printing_100_mb"]
    report = grade(find_kata("softmax"), write(tmp_path, "pr", text), "numpy")
    assert report.run is not None
    assert len(report.run.printed) < 10_000
    assert f"{OUTPUT_LIMIT_BYTES // 2**20} MB" in report.run.message


def test_a_little_printing_does_not_change_the_verdict(tmp_path: Path) -> None:
    kata = find_kata("softmax")
    text = kata.solution("numpy").read_text(encoding="utf-8") + "\nprint('debugging')\n"
    report = grade(kata, write(tmp_path, "chatty", text), "numpy")
    assert report.status is GradeStatus.PASSED
    assert report.run is not None and "debugging" in report.run.printed


def test_code_that_edits_numpy_cannot_change_the_verdict(tmp_path: Path) -> None:
    text = """
        import numpy as np

        np.allclose = lambda *a, **k: True  # only in the child process
        np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), bool)


        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """
    report = grade(find_kata("softmax"), write(tmp_path, "cheat", text), "numpy")
    assert report.status is GradeStatus.FAILED


def test_torch_track_fits_in_the_memory_limit() -> None:
    pytest.importorskip("torch")
    kata = find_kata("softmax")
    assert grade(kata, kata.solution("torch"), "torch").status is GradeStatus.PASSED


def test_cli_reports_a_syntax_error_with_exit_2(tmp_path: Path) -> None:
    text, _, _ = RUNAWAY["syntax_error"]
    result = run_cli("kata", "check", "softmax", "--file", str(write(tmp_path, "s", text)))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "could not run" in result.stdout and "syntax error" in result.stdout
    assert "line 5" in result.stdout and "return x +" in result.stdout


def test_cli_infinite_loop_respects_timeout(tmp_path: Path) -> None:
    text, _, _ = RUNAWAY["infinite_loop"]
    path = write(tmp_path, "loop", text)
    result = run_cli("kata", "check", "softmax", "--file", str(path), "--timeout", "1")
    assert result.returncode == 2
    assert "time limit exceeded" in result.stdout and "line 6" in result.stdout
    assert "did not finish within 1 s" in result.stdout


@pytest.mark.parametrize("value", ["1e12", "1e20", "inf", "nan", "0", "-1", "3601"])
def test_cli_refuses_a_time_limit_out_of_bounds(value: str) -> None:
    reference = str(find_kata("softmax").solution("numpy"))
    result = run_cli("kata", "check", "softmax", "--file", reference, "--timeout", value)
    assert_clean_failure(result, "--timeout")
    assert "exited the process" not in result.stdout


def test_the_largest_time_limit_still_grades_the_reference() -> None:
    # 1e12 s once overflowed faulthandler's time_t and failed the reference as "exited".
    reference = str(find_kata("softmax").solution("numpy"))
    result = run_cli("kata", "check", "softmax", "--file", reference, "--timeout", "3600")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1e12, 0.0, -5.0])
def test_the_runner_reports_an_unusable_time_limit(tmp_path: Path, value: float) -> None:
    # Called without the CLI's bounds, the runner still says what is wrong, and runs nothing.
    run = run_user_code(find_kata("softmax").solution("numpy"), "softmax", [], timeout_s=value)
    assert run.status is RunStatus.HARNESS_FAILED
    assert run.message == check_timeout(value)
    assert f"between {MIN_TIMEOUT_S:g} and {MAX_TIMEOUT_S:g} seconds" in run.message


def test_the_cli_bounds_are_the_runners() -> None:
    from interviewprep.cli.kata_commands import TimeoutOption

    option = TimeoutOption.__metadata__[0]
    assert (option.min, option.max) == (MIN_TIMEOUT_S, MAX_TIMEOUT_S)
