"""Run the person's function in a child process that can fail in every way without harming us.

The runner never raises for anything the person's code does: a syntax error, a missing
function, an exception, a hang, a huge allocation, a segfault, `sys.exit`, or a flood of
printing all come back as a `RunResult` with a status, a message and, where it can be
found, the line of their file. It is a grader, not a sandbox: the code runs with the
person's own rights; the limits only keep a mistake from hanging or flooding the grader.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from interviewprep.paths import exercises_dir

HARNESS = Path(__file__).resolve().parent / "harness.py"
DEFAULT_TIMEOUT_S = 10.0
# Address space, not resident memory: importing torch alone reserves ~0.7 GB of it.
DEFAULT_MEMORY_MB = 4096
OUTPUT_LIMIT_BYTES = 4 * 2**20  # more printing than this is a runaway loop, not debugging
OUTPUT_KEPT_CHARS = 4000  # the tail of the printed output shown in a report
SIGNAL_GRACE_S = 0.3  # time for faulthandler to write the traceback after SIGUSR1


class RunStatus(str, Enum):
    OK = "ok"
    SYNTAX_ERROR = "syntax_error"
    MISSING_FUNCTION = "missing_function"
    NOT_IMPLEMENTED = "not_implemented"
    EXCEPTION = "exception"
    EXIT = "exit"
    MEMORY = "memory"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    OUTPUT_LIMIT = "output_limit"
    NO_TORCH = "no_torch"
    HARNESS_FAILED = "harness_failed"


@dataclass(frozen=True)
class Call:
    """One call of the person's function: numpy arrays and plain values, `("__rng__", seed)`
    where a fresh numpy Generator goes."""

    id: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """What one call returned: kind is array, tuple, none or unconvertible; for katas of
    plain Python values, python (the value is `arrays[0]`) or not_plain."""

    kind: str
    arrays: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RunResult:
    status: RunStatus
    message: str = ""
    outputs: dict[str, Output] = field(default_factory=dict)
    case: str | None = None  # the call id during which it failed
    line: int | None = None  # the line of the person's file
    source_line: str | None = None
    traceback: str = ""
    printed: str = ""  # the tail of what the code printed
    returncode: int | None = None
    duration_s: float = 0.0
    # Calls that raised while the others ran: call id -> one line naming the error and line.
    call_errors: dict[str, str] = field(default_factory=dict)
    # What the code did that the person should hear of (forked, wrote outside, ...).
    events: tuple[str, ...] = ()


def _limit_child(memory_mb: int) -> None:
    # Runs in the child between fork and exec.
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a segfault leaves no core file


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # One BLAS thread: faster start-up, far less reserved memory, same results every run.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    env["PYTHONUNBUFFERED"] = "1"  # printed output arrives before a crash, not lost in a buffer
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@dataclass
class _Capture:
    data: bytearray = field(default_factory=bytearray)
    total: int = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        self.data += chunk
        if len(self.data) > 2 * OUTPUT_KEPT_CHARS:
            del self.data[: len(self.data) - OUTPUT_KEPT_CHARS]

    def text(self) -> str:
        tail = self.data.decode("utf-8", errors="replace")[-OUTPUT_KEPT_CHARS:]
        if self.total > len(self.data):
            tail = f"[... {self.total:,} bytes printed in all; the last ones:]\n{tail}"
        return tail


def _kill_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def _supervise(proc: subprocess.Popen[bytes], timeout_s: float) -> tuple[_Capture, str | None]:
    """Read the child's output until it exits; (capture, why it was stopped or None)."""
    capture = _Capture()
    deadline = time.monotonic() + timeout_s
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    stopped = None
    open_pipe = True
    while True:
        if open_pipe:
            for _key, _ in selector.select(timeout=0.05):
                chunk = os.read(proc.stdout.fileno(), 65536)
                if chunk:
                    capture.add(chunk)
                else:
                    open_pipe = False
        elif proc.poll() is None:
            time.sleep(0.01)
        if capture.total > OUTPUT_LIMIT_BYTES:
            stopped = "output"
        elif time.monotonic() > deadline:
            stopped = "timeout"
        if stopped:
            # SIGUSR1 first: faulthandler writes where the code is, then we kill.
            _kill_signal(proc, signal.SIGUSR1)
            time.sleep(SIGNAL_GRACE_S)
            _kill_group(proc, signal.SIGKILL)
            break
        if proc.poll() is not None and not open_pipe:
            break
        if proc.poll() is not None:
            # Exited; drain what is left, but a grandchild holding the pipe open must
            # not keep us here.
            open_pipe = bool(selector.select(timeout=0.05))
            if not open_pipe:
                break
    selector.close()
    proc.wait()
    _kill_group(proc, signal.SIGKILL)  # anything the code started and left behind
    return capture, stopped


def _kill_signal(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)


_FRAME = re.compile(r'^\s*File "(?P<file>.+)", line (?P<line>\d+)')


def _crash_line(crash_text: str, user_file: Path) -> int | None:
    """The innermost line of the person's file in a faulthandler dump (innermost first)."""
    for raw in crash_text.splitlines():
        match = _FRAME.match(raw)
        if match and os.path.abspath(match["file"]) == str(user_file):
            return int(match["line"])
    return None


def _source_line(user_file: Path, line: int | None) -> str | None:
    if line is None:
        return None
    try:
        lines = user_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[line - 1].strip() if 0 < line <= len(lines) else None


def _signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def decode_plain(data: Any) -> Any:
    """The inverse of the harness's `to_plain`: tagged JSON back to tuples, lists, dicts."""
    if isinstance(data, dict):
        ((tag, items),) = data.items()
        if tag == "tuple":
            return tuple(decode_plain(v) for v in items)
        if tag == "list":
            return [decode_plain(v) for v in items]
        if tag == "dict":
            return {decode_plain(k): decode_plain(v) for k, v in items}
        raise ValueError(f"unknown tag {tag!r}")
    return data


def _load_outputs(
    job_dir: Path, kinds: dict[str, str], values: dict[str, Any] | None = None
) -> dict[str, Output]:
    import numpy as np

    # allow_pickle=False: the file comes from the person's process; only plain arrays load.
    with np.load(job_dir / "outputs.npz", allow_pickle=False) as data:
        arrays: dict[str, list[tuple[int, Any]]] = {}
        for key in data.files:
            call_id, index = key.rsplit("__", 1)
            arrays.setdefault(call_id, []).append((int(index), data[key]))
    outputs = {}
    for call_id, kind in kinds.items():
        if kind == "python":
            outputs[call_id] = Output(kind, (decode_plain((values or {})[call_id]),))
            continue
        parts = tuple(a for _, a in sorted(arrays.get(call_id, []), key=lambda p: p[0]))
        outputs[call_id] = Output(kind, parts)
    return outputs


def _from_report(report: dict[str, Any], user_file: Path, memory_mb: int) -> RunResult:
    status = RunStatus(report["status"])
    line = report.get("line")
    source = report.get("source_line")
    if status is RunStatus.MISSING_FUNCTION:
        found = report.get("found") or []
        message = "defines " + (", ".join(found) if found else "no function")
    elif status is RunStatus.MEMORY:
        message = (
            f"{report['error_type']}: ran out of memory (the limit is {memory_mb:,} MB "
            "of address space): is an array far bigger than you meant?"
        )
    elif status is RunStatus.EXIT:
        message = f"called sys.exit({report['message']}): return a value instead"
    elif status is RunStatus.NO_TORCH:
        message = report["message"]
    else:
        message = f"{report['error_type']}: {report['message']}".rstrip(": ")
    return RunResult(
        status=status,
        message=message,
        case=report.get("case"),
        line=line,
        source_line=source.strip() if source else source,
        traceback=report.get("traceback", ""),
    )


def _one_line(result: RunResult) -> str:
    where = f" (line {result.line}: {result.source_line})" if result.line is not None else ""
    return f"raised {result.message}{where}"


def _interpret(
    job_dir: Path, user_file: Path, proc: subprocess.Popen[bytes], stopped: str | None,
    timeout_s: float, memory_mb: int,
) -> RunResult:  # fmt: skip
    crash = (
        (job_dir / "crash.txt").read_text(encoding="utf-8", errors="replace")
        if (job_dir / "crash.txt").exists()
        else ""
    )
    crash_line = _crash_line(crash, user_file)
    result_file = job_dir / "result.json"
    if stopped == "output":
        return RunResult(
            RunStatus.OUTPUT_LIMIT,
            f"printed more than {OUTPUT_LIMIT_BYTES // 2**20} MB: a print inside a loop?",
            line=crash_line, traceback=crash,
        )  # fmt: skip
    if stopped == "timeout" or crash.startswith("Timeout"):
        return RunResult(
            RunStatus.TIMEOUT,
            f"did not finish within {timeout_s:g} s: an endless loop, or far too much work?",
            line=crash_line, traceback=crash,
        )  # fmt: skip
    if proc.returncode is not None and proc.returncode < 0:
        name = _signal_name(proc.returncode)
        why = {
            "SIGSEGV": "a segmentation fault",
            "SIGKILL": "killed, most likely for using too much memory",
            "SIGBUS": "a bus error",
            "SIGABRT": "aborted",
        }.get(name, "killed by a signal")
        return RunResult(
            RunStatus.CRASHED, f"the process crashed with {name} ({why})",
            line=crash_line, traceback=crash,
        )  # fmt: skip
    if result_file.exists():
        report = json.loads(result_file.read_text(encoding="utf-8"))
        events = tuple(str(e) for e in report.get("events", []))
        outputs: dict[str, Output] = {}
        if "kinds" in report:
            try:
                outputs = _load_outputs(job_dir, report["kinds"], report.get("values"))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                return RunResult(RunStatus.HARNESS_FAILED, f"cannot read the outputs: {exc}")
        if report["status"] == "ok":
            return RunResult(RunStatus.OK, outputs=outputs, events=events)
        errors = {
            call_id: _one_line(_from_report(error, user_file, memory_mb))
            for call_id, error in report.get("errors", {}).items()
        }
        return replace(
            _from_report(report, user_file, memory_mb),
            outputs=outputs,
            call_errors=errors,
            events=events,
        )
    return RunResult(
        RunStatus.EXIT,
        f"the process ended (exit code {proc.returncode}) before returning results: "
        "does the code call os._exit or exit the interpreter?",
        line=crash_line, traceback=crash,
    )  # fmt: skip


def run_user_code(
    user_file: Path,
    function: str,
    calls: list[Call],
    *,
    track: str = "numpy",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
    python_values: bool = False,
) -> RunResult:
    """Call `function` from `user_file` on every call in ONE child process; never raises for
    anything the person's code does. With `python_values` the outputs come back as plain
    Python values (see KataSpec.python_values) instead of arrays."""
    user_file = user_file.resolve()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="interviewprep-kata-") as tmp:
        job_dir = Path(tmp)
        job = {
            "file": str(user_file),
            "function": function,
            "track": track,
            "calls": [(c.id, c.args, c.kwargs) for c in calls],
            "python_values": python_values,
            "reference_dir": str(exercises_dir()),
            # faulthandler dumps the stack a little before the parent gives up.
            "hang_seconds": max(0.2, timeout_s - 0.25),
        }
        with open(job_dir / "job.pkl", "wb") as f:
            pickle.dump(job, f, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            proc = subprocess.Popen(
                [sys.executable, str(HARNESS), str(job_dir)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=user_file.parent,
                env=_child_env(),
                start_new_session=True,  # its own process group, killed as a whole
                preexec_fn=lambda: _limit_child(memory_mb),
            )
        except OSError as exc:
            return RunResult(RunStatus.HARNESS_FAILED, f"cannot start Python: {exc}")
        capture, stopped = _supervise(proc, timeout_s + 0.5)
        result = _interpret(job_dir, user_file, proc, stopped, timeout_s, memory_mb)
    return replace(
        result,
        source_line=result.source_line or _source_line(user_file, result.line),
        printed=capture.text(),
        returncode=proc.returncode,
        duration_s=time.monotonic() - start,
    )
