"""The kata commands, run as a user runs them (a real subprocess)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from tests.cli import run_cli
from tests.kata_helpers import own_solution


def workspace(tmp_path: Path) -> Path:
    return Path(os.environ["HOME"]) / "interviewprep-katas"


def test_list_shows_every_kata_in_order_with_status(tmp_path: Path) -> None:
    result = run_cli("kata", "list")
    assert result.returncode == 0, result.stderr
    assert "softmax" in result.stdout and "sampling" in result.stdout
    assert result.stdout.index("softmax") < result.stdout.index("multi-head-attention")
    assert "not started" in result.stdout


@pytest.mark.parametrize("width", [80, 100, 110, 160])
def test_list_keeps_names_whole_and_leaves_out_what_does_not_fit(width: int) -> None:
    from rich.console import Console

    from interviewprep.cli.kata_ui import kata_table
    from interviewprep.katas.catalog import load_catalog
    from interviewprep.katas.status import kata_statuses

    katas = load_catalog()
    rows = kata_statuses(katas, {})
    console = Console(width=width, record=True, color_system=None)
    console.print(kata_table(rows, width))
    text = console.export_text()
    assert "…" not in text  # nothing cut short: a column either fits whole or is left out
    assert max(len(line) for line in text.splitlines()) <= width
    assert all(k.name in text for k in katas)
    assert ("function" in text) == (width >= 110)
    assert ("guide section" in text) == (width >= 160)
    if width >= 110:
        assert all(k.function in text for k in katas)


def test_start_copies_the_starter_and_prints_the_statement(tmp_path: Path) -> None:
    result = run_cli("kata", "start", "layer-norm")
    assert result.returncode == 0, result.stderr
    path = workspace(tmp_path) / "layer-norm" / "layer_norm_numpy.py"
    assert path.read_text() == find_kata("layer-norm").starter("numpy").read_text()
    assert str(path) in result.stdout
    assert "Layer Normalization" in result.stdout
    path.write_text("# my work\n")
    again = run_cli("kata", "start", "layer-norm")
    assert "already started" in again.stdout and path.read_text() == "# my work\n"
    assert "started (numpy)" in run_cli("kata", "list").stdout


def test_check_starter_then_solution_with_json_and_exit_codes(tmp_path: Path) -> None:
    run_cli("kata", "start", "softmax")
    not_yet = run_cli("kata", "check", "softmax", "--json")
    assert not_yet.returncode == 2
    data = json.loads(not_yet.stdout)
    assert data["passed"] is False and data["diagnosis"].startswith("could not run")
    path = workspace(tmp_path) / "softmax" / "softmax_numpy.py"
    path.write_text(own_solution("softmax"), encoding="utf-8")
    done = run_cli("kata", "check", "softmax", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert {"kata", "passed", "cases", "diagnosis", "reproduction", "error", "notes"} <= set(data)
    assert data["kata"] == "softmax" and data["passed"] is True and data["diagnosis"] is None
    assert all({"name", "passed", "message"} <= set(c) and c["passed"] for c in data["cases"])
    listing = run_cli("kata", "list").stdout
    assert "passed (numpy)" in listing


def test_check_a_failing_file_prints_details_and_diagnosis() -> None:
    fixture = Path(__file__).parent / "kata_fixtures" / "attention" / "wrong_sqrt_dv.py"
    result = run_cli("kata", "check", "attention", "--file", str(fixture))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "✗ d_k=8 != d_v=3" in out and "✓ 2-D inputs" in out
    assert "max abs error" in out and "first at (" in out and "of shape" in out
    assert "Diagnosis: your output matches attention scaled by sqrt(d_v)" in out
    as_json = json.loads(run_cli("kata", "check", "attention", "--file", str(fixture),
                                 "--json").stdout)  # fmt: skip
    assert "sqrt(d_v)" in as_json["diagnosis"]
    assert any(not c["passed"] and "values differ" in c["message"] for c in as_json["cases"])


def test_check_before_start_is_a_clear_error() -> None:
    result = run_cli("kata", "check", "top-k")
    assert result.returncode == 2
    assert "kata start top-k" in result.stderr and "Traceback" not in result.stderr


def test_unknown_kata_and_track() -> None:
    assert "did you mean softmax" in run_cli("kata", "start", "softmx").stderr
    assert "unknown track" in run_cli("kata", "start", "softmax", "--track", "jax").stderr


def test_hints_come_one_at_a_time() -> None:
    hints = find_kata("top-p").hints()
    first = run_cli("kata", "hint", "top-p")
    assert first.returncode == 0 and f"Hint 1 of {len(hints)}" in first.stdout
    assert f"Hint 2 of {len(hints)}" in run_cli("kata", "hint", "top-p").stdout
    for _ in range(len(hints)):
        last = run_cli("kata", "hint", "top-p")
    assert f"Hint {len(hints)} of {len(hints)}" in last.stdout and "last hint" in last.stdout


def test_solution_needs_a_pass_or_force(tmp_path: Path) -> None:
    refused = run_cli("kata", "solution", "causal-mask")
    assert refused.returncode == 2 and "--force" in refused.stderr
    forced = run_cli("kata", "solution", "causal-mask", "--force")
    assert forced.returncode == 0 and "def causal_mask" in forced.stdout
    run_cli("kata", "start", "causal-mask")
    path = workspace(tmp_path) / "causal-mask" / "causal_mask_numpy.py"
    shutil.copyfile(find_kata("causal-mask").solution("numpy"), path)
    by_file = run_cli("kata", "check", "causal-mask", "--file",
                      str(find_kata("causal-mask").solution("numpy")))  # fmt: skip
    assert by_file.returncode == 0, by_file.stdout
    assert run_cli("kata", "solution", "causal-mask").returncode == 2
    copied = run_cli("kata", "check", "causal-mask")  # the reference itself: graded...
    assert copied.returncode == 0 and "not recorded as your pass" in copied.stdout
    assert run_cli("kata", "solution", "causal-mask").returncode == 2  # ...but not a pass
    path.write_text(own_solution("causal-mask"), encoding="utf-8")
    assert run_cli("kata", "check", "causal-mask").returncode == 0
    assert "def causal_mask" in run_cli("kata", "solution", "causal-mask").stdout


def test_reset_restores_the_starter_and_keeps_a_backup(tmp_path: Path) -> None:
    run_cli("kata", "start", "rms-norm", "--track", "torch")
    path = workspace(tmp_path) / "rms-norm" / "rms_norm_torch.py"
    path.write_text("# half done\n")
    result = run_cli("kata", "reset", "rms-norm")  # the track is the one started
    assert result.returncode == 0, result.stderr
    assert path.read_text() == find_kata("rms-norm").starter("torch").read_text()
    backups = list(path.parent.glob("rms_norm_torch.*.bak.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# half done\n"


def test_watch_regrades_on_save_and_stops_on_pass(tmp_path: Path) -> None:
    run_cli("kata", "start", "causal-mask")
    path = workspace(tmp_path) / "causal-mask" / "causal_mask_numpy.py"
    proc = subprocess.Popen(
        [sys.executable, "-m", "interviewprep", "kata", "watch", "causal-mask"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout or ()])
    reader.start()
    seen = []
    try:
        while "could not run" not in "".join(seen):  # the first check (the starter) fails
            seen.append(lines.get(timeout=60))
        path.write_text(own_solution("causal-mask"), encoding="utf-8")
        os.utime(path, (time.time() + 5, time.time() + 5))  # a new mtime even on coarse clocks
        proc.wait(timeout=60)
    finally:
        proc.kill()
        reader.join(timeout=30)  # the pipe closes when the process ends
    seen += list(lines.queue)
    out = "".join(seen)
    assert proc.returncode == 0, out
    assert "could not run" in out and "all passed" in out


def test_output_of_a_run_that_errored_on_some_cases_is_shown_once(tmp_path: Path) -> None:
    path = tmp_path / "softmax_numpy.py"
    path.write_text(
        "import numpy as np\n"
        "def softmax(x, axis=-1):\n"
        "    print('hello-debug')\n"
        "    if x.ndim == 1:\n"
        "        raise ValueError('no vectors')\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n"
    )
    result = run_cli("kata", "check", "softmax", "--file", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "could not run" in result.stdout and "✓ batch of rows" in result.stdout
    assert result.stdout.count("your code printed") == 1
