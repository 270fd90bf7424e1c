"""Run the person's function in a child process that can fail in every way without harming us.

The runner never raises for anything the person's code does: a syntax error, a missing
function, an exception, a hang, a huge allocation, a segfault, `sys.exit`, a flood of
printing, a huge or damaged result all come back as a `RunResult` with a status, a
message and, where it can be found, the line of their file. It is a grader, not a
sandbox: the code runs with the person's own rights; the limits keep a mistake from
hanging or flooding the grader, and every process the code started is gone when
`run_user_code` returns (see harness.py: a supervisor that is a child subreaper).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import pickle
import re
import secrets
import selectors
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from interviewprep.katas.channel import Damaged, FrameReader, Received
from interviewprep.paths import exercises_dir

HARNESS = Path(__file__).resolve().parent / "harness.py"
DEFAULT_TIMEOUT_S = 10.0
# Address space, not resident memory: importing torch alone reserves ~0.7 GB of it.
DEFAULT_MEMORY_MB = 4096
OUTPUT_LIMIT_BYTES = 4 * 2**20  # more printing than this is a runaway loop, not debugging
OUTPUT_KEPT_CHARS = 4000  # the tail of the printed output shown in a report
SIGNAL_GRACE_S = 0.3  # time for faulthandler to write the traceback after SIGUSR1
MIN_TIMEOUT_S = 0.5
MAX_TIMEOUT_S = 3600.0  # an hour: beyond it a time limit is a typo (1e12 overflowed time_t)
DEFAULT_OUTPUT_BUDGET = 64 * 2**20  # bytes one call may return when the caller sets none
CRASH_KEPT_BYTES = 256 * 2**10  # faulthandler's dumps of every thread fit well within this
ENV_PREFIX = "INTERVIEWPREP_"  # INTERVIEWPREP_HOME and the like: never handed to the child
EXIT_HARNESS_FAILED = 4  # harness.py's exit code, with HARNESS_FAILED_LINE on stderr
HARNESS_FAILED_LINE = "interviewprep's kata harness failed:"
EXIT_CHANNEL_CLOSED = 5  # harness.py's exit code when the code closed the result channel
CHANNEL_CLOSED_LINE = "interviewprep's kata harness: its result channel was closed"
STOP_WAIT_S = 5.0  # how long the supervisor may take to kill everything before we do


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
    HARNESS_FAILED = "harness_failed"  # the grader's own failure, not the person's
    RESULTS_DAMAGED = "results_damaged"  # malformed, cut off, too large or forged results


@dataclass(frozen=True)
class Call:
    """One call of the person's function: numpy arrays and plain values, `("__rng__", seed)`
    where a fresh numpy Generator goes. `budget`: the bytes its output may take (what the
    call can produce, with a margin); a larger output is refused unread. `function`: the
    name of the function called, where it is not the run's own (a kata of several).
    `driver`: (name, source) of a loop the child runs around the function instead of
    calling it once (see spec.Case.driver)."""

    id: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    budget: int | None = None
    function: str | None = None
    driver: tuple[str, str] | None = None
    trace_memory: bool = False  # measure the call's peak memory (numpy track only)


@dataclass(frozen=True)
class Output:
    """What one call returned: kind is array, tuple, none or unconvertible; tree for a
    result nested deeper or holding None (the value, of lists, tuples, arrays and None,
    is `arrays[0]`); for katas of plain Python values, python (the value is
    `arrays[0]`) or not_plain; too_large (over
    the call's budget, not read) or unreadable (the grader could not convert it), with
    `detail` saying what it was."""

    kind: str
    arrays: tuple[Any, ...] = ()
    detail: str = ""


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
    # call id -> the most bytes it held at once, for the calls with trace_memory.
    peaks: dict[str, int] = field(default_factory=dict)
    # call id -> the arguments the call changed ("0", "1", ... or a keyword's name).
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # call id -> what it returned, as the harness's type_tree: [type, dtype] leaves.
    types: dict[str, Any] = field(default_factory=dict)


def _limit_child(memory_mb: int) -> None:
    # Runs in the child between fork and exec.
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a segfault leaves no core file


def _child_env() -> dict[str, str]:
    # The store's location is not the graded code's business: nothing of ours is inherited.
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
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


@dataclass
class _Child:
    """The supervisor process and our ends of its pipes."""

    proc: subprocess.Popen[bytes]
    results: int  # read end of the result channel
    crash: int  # read end of faulthandler's pipe
    control: int | None  # write end: "d" asks for a stack dump, closing it stops everything
    reader: FrameReader
    capture: _Capture = field(default_factory=_Capture)
    crash_text: bytearray = field(default_factory=bytearray)
    damage: str | None = None

    def ask(self, message: bytes) -> None:
        if self.control is not None:
            with contextlib.suppress(OSError):
                os.write(self.control, message)

    def stop(self) -> None:
        """Have the supervisor kill every process of the run, then make sure of it."""
        if self.control is not None:
            os.close(self.control)
            self.control = None
        # It may time out if the supervisor itself was stopped or killed.
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=STOP_WAIT_S)
        # Anything left in the process group (where there is no subreaper, or its
        # supervisor was killed by the code it watched).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        for fd in (self.results, self.crash):
            with contextlib.suppress(OSError):
                os.close(fd)


def _read_into(child: _Child, fd: int) -> bool:
    """Read what is there; False at end of file."""
    chunk = os.read(fd, 65536)
    if not chunk:
        return False
    if fd == child.results:
        if child.damage is None:
            try:
                child.reader.feed(chunk)
            except Damaged as exc:
                child.damage = str(exc)
    elif fd == child.crash:
        child.crash_text += chunk[: max(0, CRASH_KEPT_BYTES - len(child.crash_text))]
    else:
        child.capture.add(chunk)
    return True


def _supervise(child: _Child, timeout_s: float) -> str | None:
    """Read the child's output, results and crash dumps until it exits; why it was
    stopped (timeout, output, damaged) or None. Every process of the run is gone after."""
    assert child.proc.stdout is not None
    deadline = time.monotonic() + timeout_s
    selector = selectors.DefaultSelector()
    for fd in (child.proc.stdout.fileno(), child.results, child.crash):
        selector.register(fd, selectors.EVENT_READ)
    stopped = None
    try:
        while True:
            if selector.get_map():
                for key, _ in selector.select(timeout=0.05):
                    if not _read_into(child, int(key.fd)):
                        selector.unregister(key.fd)
            else:  # the code closed every pipe: wait for its end or the time limit
                time.sleep(0.05)
            if child.capture.total > OUTPUT_LIMIT_BYTES:
                stopped = "output"
            elif child.damage is not None:
                stopped = "damaged"
            elif time.monotonic() > deadline:
                stopped = "timeout"
            if stopped:
                break
            if child.proc.poll() is not None:
                # The supervisor exits after every process of the run is dead, so the
                # pipes are at their end; a short wait only covers what is in flight
                # (or, without a subreaper, a process that kept a pipe open).
                _drain(child, selector, 0.2)
                break
        if stopped == "timeout" or stopped == "output":
            # faulthandler writes where the code is (the supervisor forwards the
            # signal), then the supervisor kills everything.
            child.ask(b"d")
            _drain(child, selector, SIGNAL_GRACE_S)
    finally:
        # Also on Ctrl-C (KeyboardInterrupt), which goes on up once the run is gone.
        child.stop()
        selector.close()
        child.close()
    return stopped


def _drain(child: _Child, selector: selectors.BaseSelector, seconds: float) -> None:
    until = time.monotonic() + seconds
    while selector.get_map() and time.monotonic() < until:
        for key, _ in selector.select(timeout=max(0.0, until - time.monotonic())):
            if not _read_into(child, int(key.fd)):
                selector.unregister(key.fd)


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


def decode_tree(layout: Any, arrays: dict[int, Any], used: list[int]) -> Any:
    """The inverse of the harness's `tree_layout`: an int is the array of that index
    (noted in `used`), null is None, {"tuple": [...]} and {"list": [...]} the sequences."""
    if layout is None:
        return None
    if isinstance(layout, int) and not isinstance(layout, bool):
        used.append(layout)
        return arrays[layout]
    ((tag, items),) = layout.items()
    if tag not in ("tuple", "list"):
        raise ValueError(f"unknown tag {tag!r}")
    values = [decode_tree(v, arrays, used) for v in items]
    return tuple(values) if tag == "tuple" else values


def _outputs(received: Received, kinds: dict[str, str], details: dict[str, str],
             calls: list[Call]) -> dict[str, Output]:  # fmt: skip
    """Every call's Output from what arrived; Damaged when the pieces do not fit."""
    outputs = {}
    for call_id, kind in kinds.items():
        detail = str(details.get(call_id, ""))
        if kind == "python":
            if call_id not in received.values:
                raise Damaged(f"the value of call {call_id} is missing")
            try:
                value = decode_plain(json.loads(received.values[call_id]))
            except (ValueError, TypeError, KeyError, RecursionError) as exc:
                raise Damaged(f"the value of call {call_id} is malformed ({exc})") from None
            outputs[call_id] = Output(kind, (value,))
            continue
        parts = received.arrays.get(call_id, {})
        if kind == "tree":  # nested, or holding None: the detail is its layout
            used: list[int] = []
            try:
                tree = decode_tree(json.loads(detail), parts, used)
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                raise Damaged(f"the layout of call {call_id} is malformed ({exc!r})") from None
            if sorted(used) != sorted(parts) or sorted(parts) != list(range(len(parts))):
                raise Damaged(f"the arrays of call {call_id} (tree) are incomplete")
            outputs[call_id] = Output(kind, (tree,))
            continue
        wanted = {"array": 1, "tuple": len(parts)}.get(kind, 0)
        if sorted(parts) != list(range(wanted)) or (kind == "tuple" and not parts):
            raise Damaged(f"the arrays of call {call_id} ({kind}) are incomplete")
        outputs[call_id] = Output(kind, tuple(parts[i] for i in range(wanted)), detail)
    return outputs


def _from_report(report: dict[str, Any], user_file: Path, memory_mb: int) -> RunResult:
    status = RunStatus(report["status"])
    line = report.get("line")
    source = report.get("source_line")
    if status is RunStatus.MISSING_FUNCTION:
        found = [str(n) for n in report.get("found") or []]
        message = "defines " + (", ".join(found) if found else "no function")
        if report.get("missing"):  # which one, for a kata of several functions
            message = f"no function {report['missing']}; the file {message}"
    elif status is RunStatus.MEMORY:
        message = (
            f"{report['error_type']}: ran out of memory (the limit is {memory_mb:,} MB "
            "of address space): is an array far bigger than you meant?"
        )
    elif status is RunStatus.EXIT:
        message = f"called sys.exit({report['message']}): return a value instead"
    elif status in (RunStatus.NO_TORCH, RunStatus.HARNESS_FAILED):
        message = str(report["message"])
    else:
        message = f"{report['error_type']}: {report['message']}".rstrip(": ")
    if line is not None and not isinstance(line, int):
        raise TypeError("line")
    return RunResult(
        status=status,
        message=message,
        case=None if report.get("case") is None else str(report["case"]),
        line=line,
        source_line=str(source).strip() if source else None,
        traceback=str(report.get("traceback", "")),
    )


def _one_line(result: RunResult) -> str:
    where = f" (line {result.line}: {result.source_line})" if result.line is not None else ""
    return f"raised {result.message}{where}"


def _from_verdict(received: Received, calls: list[Call], user_file: Path,
                  memory_mb: int) -> RunResult:  # fmt: skip
    """The RunResult the verdict frame describes; Damaged if it does not hold together."""
    report = received.report
    assert report is not None
    try:
        events = tuple(str(e) for e in report.get("events", []))[:50]
        peaks = {str(k): int(v) for k, v in dict(report.get("peaks", {})).items()}
        changed = {str(k): tuple(str(n)[:100] for n in list(v)[:64])
                   for k, v in dict(report.get("changed", {})).items()}  # fmt: skip
        types = {str(k): _checked_types(v) for k, v in dict(report.get("types", {})).items()}
        if not set(changed) | set(types) <= {c.id for c in calls}:
            raise Damaged("the verdict describes calls that were never made")
        outputs: dict[str, Output] = {}
        call_errors: dict[str, str] = {}
        if "kinds" in report:
            kinds, details = dict(report["kinds"]), dict(report.get("details", {}))
            errors = dict(report.get("errors", {}))
            ids = {c.id for c in calls}
            if set(kinds) | set(errors) != ids or set(kinds) & set(errors):
                raise Damaged("the verdict does not account for every case exactly once")
            outputs = _outputs(received, kinds, details, calls)
            call_errors = {
                call_id: _one_line(_from_report(error, user_file, memory_mb))
                for call_id, error in errors.items()
            }
        if report["status"] == "ok":
            return RunResult(RunStatus.OK, outputs=outputs, events=events, peaks=peaks,
                             changed=changed, types=types)  # fmt: skip
        result = _from_report(report, user_file, memory_mb)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise Damaged(f"the verdict is malformed ({type(exc).__name__}: {exc})") from None
    return replace(result, outputs=outputs, call_errors=call_errors, events=events,
                   peaks=peaks, changed=changed, types=types)


def _checked_types(tree: Any, depth: int = 0) -> Any:
    """A type tree as the harness's type_tree makes it; ValueError for anything else."""
    if isinstance(tree, dict) and len(tree) == 1 and depth < 9:
        ((tag, items),) = tree.items()
        if tag in ("tuple", "list") and isinstance(items, list) and len(items) <= 64:
            return {tag: [_checked_types(t, depth + 1) for t in items]}
    if (isinstance(tree, list) and len(tree) == 2 and isinstance(tree[0], str)
            and (tree[1] is None or isinstance(tree[1], str))):  # fmt: skip
        return [tree[0], tree[1]]
    raise ValueError("a malformed type description")


def _damaged(why: str) -> RunResult:
    return RunResult(
        RunStatus.RESULTS_DAMAGED,
        f"{why}. Does your code write to file descriptors it did not open, or close them?",
    )


_SIGNAL_CAUSES = {
    "SIGSEGV": "a segmentation fault",
    "SIGKILL": "killed, most likely for using too much memory",
    "SIGBUS": "a bus error",
    "SIGABRT": "aborted",
}


def _interpret(child: _Child, calls: list[Call], user_file: Path, stopped: str | None,
               timeout_s: float, memory_mb: int) -> RunResult:  # fmt: skip
    """The run's outcome, the way it ended checked first (stopped, damaged, a signal),
    then what came back on the channel, then how the process exited."""
    crash = child.crash_text.decode("utf-8", errors="replace")
    crash_line = _crash_line(crash, user_file)
    ended = _how_it_ended(child, stopped, timeout_s, crash, crash_line)
    if ended is not None:
        return ended
    try:
        received = child.reader.finish()
        if received.report is not None:
            return _from_verdict(received, calls, user_file, memory_mb)
    except Damaged as exc:
        return _damaged(str(exc))
    if received.frames:
        return _damaged("the results stopped before the verdict")
    return _exit_without_results(child, crash, crash_line)


def _how_it_ended(
    child: _Child, stopped: str | None, timeout_s: float, crash: str, crash_line: int | None
) -> RunResult | None:
    """Stopped for printing too much or running too long, damaged, or killed by a signal;
    None when the process ended by itself."""
    returncode = child.proc.returncode
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
    if child.damage is not None:
        return _damaged(child.damage)
    if returncode is not None and returncode < 0:
        name = _signal_name(returncode)
        why = _SIGNAL_CAUSES.get(name, "killed by a signal")
        return RunResult(
            RunStatus.CRASHED, f"the process crashed with {name} ({why})",
            line=crash_line, traceback=crash,
        )  # fmt: skip
    return None


def _exit_without_results(child: _Child, crash: str, crash_line: int | None) -> RunResult:
    """No verdict came: the grader's own failure, a closed channel, or an exit."""
    printed = child.capture.text()
    returncode = child.proc.returncode
    if returncode == EXIT_HARNESS_FAILED and HARNESS_FAILED_LINE in printed:
        last = printed.rstrip().rsplit("\n", 1)[-1]
        return RunResult(RunStatus.HARNESS_FAILED, last, traceback=printed)
    if returncode == EXIT_CHANNEL_CLOSED and CHANNEL_CLOSED_LINE in printed:
        return _damaged("the channel the results travel on was closed before they were sent")
    return RunResult(
        RunStatus.EXIT,
        f"the process ended (exit code {returncode}) before returning results: "
        "does the code call os._exit or exit the interpreter?",
        line=crash_line, traceback=crash,
    )  # fmt: skip


def check_timeout(timeout_s: float) -> str | None:
    """Why `timeout_s` is not a usable time limit, or None."""
    if not (math.isfinite(timeout_s) and MIN_TIMEOUT_S <= timeout_s <= MAX_TIMEOUT_S):
        return (f"the time limit must be between {MIN_TIMEOUT_S:g} and {MAX_TIMEOUT_S:g} "
                f"seconds, not {timeout_s:g}")  # fmt: skip
    return None


def _hidden_dirs() -> list[str]:
    """Folders the child's import path must not hold: our source checkout (with the
    references beside the package) and the shipped exercises."""
    package = Path(__file__).resolve().parent.parent
    return [str(package.parent), str(exercises_dir())]


def _job(user_file: Path, function: str, calls: list[Call], track: str, timeout_s: float,
         python_values: bool, fds: dict[str, int], key: bytes) -> bytes:  # fmt: skip
    settings = {
        "file": str(user_file),
        "function": function,
        "track": track,
        "python_values": python_values,
        "reference_dir": str(exercises_dir()),
        "hidden_dirs": _hidden_dirs(),
        "hidden_packages": ["interviewprep", "exercises"],
        # faulthandler dumps the stack a little before the parent gives up.
        "hang_seconds": max(0.2, timeout_s - 0.25),
        "traced_calls": [c.id for c in calls if c.trace_memory],
        "key": key.hex(),
        **fds,
    }
    head = json.dumps(settings).encode()
    body = pickle.dumps(
        [(c.id, c.args, c.kwargs, _budget(c), c.function or function, c.driver) for c in calls],
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    return struct.pack(">I", len(head)) + head + body


def _budget(call: Call) -> int:
    return DEFAULT_OUTPUT_BUDGET if call.budget is None else int(call.budget)


def _send_job(fd: int, job: bytes) -> None:
    try:
        view = memoryview(job)
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:
        pass  # the child died before reading it: its output says why
    finally:
        os.close(fd)


def _start(user_file: Path, memory_mb: int) -> tuple[subprocess.Popen[bytes], dict[str, int],
                                                        tuple[int, int, int, int]]:  # fmt: skip
    """Start the supervisor; (process, its fd numbers, our ends: job, results, crash,
    control). Every pipe is made before the person's file is imported."""
    pipes = [os.pipe() for _ in range(4)]  # job, results, crash, control
    (job_r, job_w), (res_r, res_w), (crash_r, crash_w), (ctl_r, ctl_w) = pipes
    theirs = (job_r, res_w, crash_w, ctl_r)
    try:
        proc = subprocess.Popen(
            [sys.executable, str(HARNESS)],  # nothing about the job in argv
            stdin=job_r,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=user_file.parent,
            env=_child_env(),
            pass_fds=(res_w, crash_w, ctl_r),
            start_new_session=True,  # its own process group: no terminal signal reaches it
            preexec_fn=lambda: _limit_child(memory_mb),
        )
    except BaseException:
        for fd in (*theirs, job_w, res_r, crash_r, ctl_w):
            os.close(fd)
        raise
    for fd in theirs:
        os.close(fd)
    fds = {"result_fd": res_w, "crash_fd": crash_w, "control_fd": ctl_r}
    return proc, fds, (job_w, res_r, crash_r, ctl_w)


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
    anything the person's code does (Ctrl-C, once every process of the run is stopped,
    goes on up as KeyboardInterrupt). With `python_values` the outputs come back as plain
    Python values (see KataSpec.python_values) instead of arrays."""
    user_file = user_file.resolve()
    start = time.monotonic()
    problem = check_timeout(timeout_s)
    if problem:
        return RunResult(RunStatus.HARNESS_FAILED, problem)
    key = secrets.token_bytes(32)
    try:
        proc, fds, (job_w, res_r, crash_r, ctl_w) = _start(user_file, memory_mb)
    except OSError as exc:
        return RunResult(RunStatus.HARNESS_FAILED, f"cannot start Python: {exc}")
    reader = FrameReader(key, {c.id: _budget(c) for c in calls})
    child = _Child(proc, res_r, crash_r, ctl_w, reader)
    try:
        job = _job(user_file, function, calls, track, timeout_s, python_values, fds, key)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError) as exc:
        os.close(job_w)
        child.stop()
        child.close()
        return RunResult(RunStatus.HARNESS_FAILED, f"cannot prepare the job: {exc}")
    try:
        _send_job(job_w, job)
    except BaseException:  # Ctrl-C while the job is on its way
        child.stop()
        child.close()
        raise
    stopped = _supervise(child, timeout_s + 0.5)
    result = _interpret(child, calls, user_file, stopped, timeout_s, memory_mb)
    return replace(
        result,
        source_line=result.source_line or _source_line(user_file, result.line),
        printed=child.capture.text(),
        returncode=proc.returncode,
        duration_s=time.monotonic() - start,
    )
