"""Every process a check started is gone when it returns: a daemon that left the process
group with setsid, a program started in a new session, and on Ctrl-C the person's loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import RunStatus

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

SOFTMAX = """
import os, subprocess, sys, time
import numpy as np

PIDS = {pids!r}


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _wait_for(path):
    # The fixture's own synchronisation: its process has written its pid.
    while not os.path.exists(path) or not open(path).read().strip():
        time.sleep(0.01)
"""


def alive(pid: int) -> bool:
    """Running or stopped; a zombie or a vanished pid is not alive."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] not in "ZX"


def read_pids(folder: Path) -> list[int]:
    return [int(p.read_text()) for p in sorted(folder.glob("*.pid"))]


def solution(tmp_path: Path, body: str) -> tuple[Path, Path]:
    pids = tmp_path / "pids"
    pids.mkdir()
    path = tmp_path / "workspace" / "softmax_numpy.py"
    path.parent.mkdir()
    path.write_text(SOFTMAX.format(pids=str(pids)) + textwrap.dedent(body), encoding="utf-8")
    return path, pids


def test_a_daemon_that_left_the_process_group_is_killed(tmp_path: Path) -> None:
    # The classic double fork: fork, setsid, fork again, the middle process exits, and
    # the grandchild is an orphan in its own session, out of reach of the group kill.
    path, pids = solution(
        tmp_path,
        """
        started = []

        def softmax(x, axis=-1):
            if not started:
                started.append(1)
                pid = os.fork()
                if pid == 0:
                    os.setsid()
                    if os.fork() == 0:
                        with open(os.path.join(PIDS, "daemon.pid"), "w") as f:
                            f.write(str(os.getpid()))
                        while True:
                            time.sleep(1)
                    os._exit(0)
                os.waitpid(pid, 0)
                _wait_for(os.path.join(PIDS, "daemon.pid"))
            return _softmax(x, axis)
        """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.PASSED
    (daemon,) = read_pids(pids)
    assert not alive(daemon)


def test_a_program_started_in_a_new_session_is_killed(tmp_path: Path) -> None:
    path, pids = solution(
        tmp_path,
        """
        started = []

        def softmax(x, axis=-1):
            if not started:
                pidfile = os.path.join(PIDS, "sleeper.pid")
                code = f"import os, time; open({pidfile!r}, 'w').write(str(os.getpid())); " \\
                       "time.sleep(600)"
                started.append(subprocess.Popen([sys.executable, "-c", code],
                                                start_new_session=True))
                _wait_for(pidfile)
            return _softmax(x, axis)
        """,
    )
    report = grade(find_kata("softmax"), path)
    assert report.status is GradeStatus.PASSED
    (sleeper,) = read_pids(pids)
    assert not alive(sleeper)


def test_a_timeout_leaves_no_process_behind(tmp_path: Path) -> None:
    path, pids = solution(
        tmp_path,
        """
        def softmax(x, axis=-1):
            if os.fork() == 0:
                os.setsid()
                with open(os.path.join(PIDS, "child.pid"), "w") as f:
                    f.write(str(os.getpid()))
                while True:
                    pass
            with open(os.path.join(PIDS, "main.pid"), "w") as f:
                f.write(str(os.getpid()))
            while True:
                pass
        """,
    )
    report = grade(find_kata("softmax"), path, timeout_s=2.0)
    assert report.run is not None and report.run.status is RunStatus.TIMEOUT
    found = read_pids(pids)
    assert len(found) == 2
    assert not any(alive(pid) for pid in found)


def _wait_for_file(path: Path, proc: subprocess.Popen[str]) -> None:
    """Until the code under test wrote its pid (or the command ended, which fails)."""
    while not (path.exists() and path.read_text().strip()):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.01)


def test_ctrl_c_during_check_stops_the_endless_loop_at_once(tmp_path: Path) -> None:
    path, pids = solution(
        tmp_path,
        """
        def softmax(x, axis=-1):
            with open(os.path.join(PIDS, "loop.pid"), "w") as f:
                f.write(str(os.getpid()))
            while True:
                pass
        """,
    )
    # A time limit far beyond the test: only Ctrl-C can end this check.
    command = [sys.executable, "-m", "interviewprep", "kata", "check", "softmax",
               "--file", str(path), "--timeout", "3600"]  # fmt: skip
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip
    try:
        _wait_for_file(pids / "loop.pid", proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, out + err
    assert "Traceback" not in out + err
    assert "your code was stopped too" in out
    (loop,) = read_pids(pids)
    assert not alive(loop)
