"""The child process: load the person's file, call their function on every case, send outputs.

Run as a script by runner.py (never imported by the package): `python harness.py`, with
no argument. The job arrives on standard input (settings as JSON, then the calls
pickled); standard input is /dev/null once it is read. The process then forks:

- the parent stays a small supervisor: a child subreaper (Linux), so every process the
  person's code starts, even one that left the process group with setsid, becomes its
  child once orphaned; when the worker ends, or the runner closes the control pipe (a
  time limit, Ctrl-C, the runner died), it kills all of them before it exits itself;
- the child (the worker) imports the person's file and calls their function.

The worker sends its results as frames on an inherited pipe that is moved to a random
high descriptor (closed on exec) before the person's file is imported; each frame
carries an HMAC with a per-run key, so what the person's code writes there by accident
reads as damaged, not as results. Once the last frame is sent the worker ends with
`os._exit`: no atexit hook, finaliser or leftover thread of theirs runs after it.
faulthandler writes to a second pipe on a segfault, near the time limit and when the
runner asks (SIGUSR1, forwarded by the supervisor), so a report can name the line of
the person's file even when the process had to be killed. It imports only the standard
library and numpy (torch only on the torch track), so the numpy track starts fast.
"""

from __future__ import annotations

import contextlib
import copy
import faulthandler
import hmac
import json
import os
import pickle
import secrets
import select
import signal
import struct
import sys
import time
import traceback
from typing import Any, NoReturn

# Bound now: the person's code may replace os.write or json.dumps in its process.
_write = os.write
_exit = os._exit
_getpid = os.getpid
_dumps = json.dumps
_hmac_new = hmac.new

EXIT_OK = 0
EXIT_REPORTED = 3  # a problem described in the result frame
EXIT_HARNESS_FAILED = 4  # the harness itself failed; its traceback is on stderr
EXIT_CHANNEL_CLOSED = 5  # the result channel was closed (by the person's code) before the end
MAX_TEXT = 20_000  # a message or traceback longer than this is cut (it travels in a frame)
MAX_PARTS = 64  # arrays in one returned tuple
PR_SET_CHILD_SUBREAPER = 36
PR_SET_PDEATHSIG = 1
KILL_ROUNDS_S = 10.0  # the supervisor gives up killing after this (a process in D state)


# -- reading the job ----------------------------------------------------------------------


def read_exactly(fd: int, n: int) -> bytes:
    parts, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError(f"the job ended {left} bytes early")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_rest(fd: int) -> bytes:
    parts = []
    while chunk := os.read(fd, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


def stdin_to_devnull() -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)


# -- the supervisor -----------------------------------------------------------------------


def _prctl(option: int, value: int) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, value, 0, 0, 0)) == 0
    except (OSError, AttributeError):  # not Linux: the process group is all we have
        return False


def children_of(pid: int) -> list[int]:
    """The pids whose parent is `pid`, from /proc (empty where there is no /proc)."""
    found: list[int] = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(name))
    return found


def kill_descendants() -> None:
    """Kill every child until none is left: as a subreaper, each killed process's own
    children become ours, and the next round kills them."""
    me = os.getpid()
    give_up = time.monotonic() + KILL_ROUNDS_S
    while time.monotonic() < give_up:
        for pid in children_of(me):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return  # no child left, alive or zombie
        time.sleep(0.005)


def wait_for_worker(worker: int, control_fd: int) -> int | None:
    """The worker's wait status, or None when the runner closed the control pipe."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    while True:
        try:
            while True:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                if pid == worker:
                    return status
        except ChildProcessError:
            return None  # pragma: no cover - the worker is always our child
        ready, _, _ = select.select([control_fd, wake_r], [], [])
        if wake_r in ready:
            while True:
                try:
                    if not os.read(wake_r, 512):
                        break
                except BlockingIOError:
                    break
        if control_fd in ready:
            data = os.read(control_fd, 64)
            if not data:
                return None
            if b"d" in data:  # dump the stack: faulthandler in the worker listens
                with contextlib.suppress(OSError):
                    os.kill(worker, signal.SIGUSR1)


def relay(status: int | None) -> NoReturn:
    """End the way the worker ended, so the runner reads its exit code or signal."""
    if status is None:
        _exit(137)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        _exit(128 + sig)
    _exit(os.waitstatus_to_exitcode(status))


def supervise(settings: dict[str, Any]) -> None:
    """Fork; return in the worker, never in the supervisor."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    worker = os.fork()
    if worker == 0:
        os.close(settings["control_fd"])
        return
    for name in ("result_fd", "crash_fd"):
        os.close(settings[name])
    stdin_to_devnull()
    # The person's code may signal its own process group: only the runner stops us.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1,
                signal.SIGUSR2, signal.SIGQUIT, signal.SIGTSTP):  # fmt: skip
        signal.signal(sig, signal.SIG_IGN)
    status = wait_for_worker(worker, settings["control_fd"])
    if status is None:
        with contextlib.suppress(OSError):
            os.kill(worker, signal.SIGKILL)
    kill_descendants()
    relay(status)


# -- the result channel -------------------------------------------------------------------


def high_fd(fd: int) -> int:
    """A copy of `fd` at a random high number, closed on exec; the original is closed."""
    import fcntl
    import resource

    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    top = soft if 0 < soft < 1 << 16 else 1 << 16
    low = 100 + secrets.randbelow(max(1, top - 164))
    try:
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, low)
    except OSError:
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return int(moved)


class ChannelClosed(Exception):
    """The result pipe cannot be written: the person's code closed or replaced it."""


class Channel:
    """Frames: 4-byte header length, JSON header, payload, HMAC-SHA256 of both."""

    def __init__(self, fd: int, key: bytes) -> None:
        self._fd = fd
        self._key = key
        self._seq = 0

    def _write_all(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[_write(self._fd, view[: 1 << 20]) :]
        except OSError as exc:
            raise ChannelClosed(str(exc)) from None

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        head = _dumps({**header, "seq": self._seq, "size": len(payload)}).encode()
        mac = _hmac_new(self._key, digestmod="sha256")
        mac.update(head)
        mac.update(payload)
        self._write_all(struct.pack(">I", len(head)) + head)
        self._write_all(payload)
        self._write_all(mac.digest())
        self._seq += 1


# -- describing what the person's code did ------------------------------------------------


def _cut(text: str) -> str:
    return (
        text
        if len(text) <= MAX_TEXT
        else text[: MAX_TEXT // 2] + "\n[...]\n" + text[-MAX_TEXT // 2 :]
    )


def user_frame(tb: Any, user_file: str) -> tuple[int | None, str | None]:
    """The innermost frame of the traceback that lies in the person's file."""
    line, text = None, None
    for frame in traceback.extract_tb(tb):
        if os.path.abspath(frame.filename) == user_file:
            line, text = frame.lineno, frame.line
    return line, text


def user_traceback(exc: BaseException, user_file: str) -> str:
    """The traceback from the first frame in the person's file on (the harness is noise)."""
    frames = traceback.extract_tb(exc.__traceback__)
    first = next((i for i, f in enumerate(frames) if os.path.abspath(f.filename) == user_file), 0)
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames[first:])
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a __str__ of the person's that raises
        return f"<{type(exc).__name__} whose message cannot be shown>"


def describe(exc: BaseException, user_file: str, case: str | None) -> dict[str, Any]:
    line, text = user_frame(exc.__traceback__, user_file)
    message = _safe_str(exc)
    if isinstance(exc, SystemExit):
        kind = "exit"
    elif isinstance(exc, MemoryError) or "can't allocate memory" in message:
        kind = "memory"
    elif isinstance(exc, NotImplementedError):
        kind = "not_implemented"
    else:
        kind = "exception"
    try:
        tb = user_traceback(exc, user_file)
    except Exception:
        tb = ""
    return {
        "status": kind,
        "case": case,
        "error_type": type(exc).__name__,
        "message": _cut(message),
        "line": line,
        "source_line": _cut(text) if text else text,
        "traceback": _cut(tb),
    }


OWNER_PID = os.getpid()  # reset in the worker after the fork
EVENTS: list[str] = []  # what the person's code did that a grader should mention
MAX_EVENTS = 20
PROCESS_EVENTS = {
    "os.fork": "forked a process",
    "os.forkpty": "forked a process",
    "os.posix_spawn": "started a program",
    "os.spawn": "started a program",
    "os.system": "ran a shell command",
    "os.exec": "replaced the process with another program",
    "subprocess.Popen": "started a program",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _note(text: str) -> None:
    if text not in EVENTS and len(EVENTS) < MAX_EVENTS:
        EVENTS.append(_cut(text))


def watch(user_file: str, reference_dir: str | None) -> None:
    """Record (never block) what the grader reports: processes started, the reference
    solutions read, files written outside the kata workspace. It is a grader's note,
    not a sandbox: the code runs with the person's own rights."""
    workspace = os.path.dirname(user_file) + os.sep
    reference = os.path.realpath(reference_dir) + os.sep if reference_dir else None

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if _getpid() != OWNER_PID:
            return
        if event in PROCESS_EVENTS:
            _note(f"your code {PROCESS_EVENTS[event]} ({event})")
        elif event == "open" and isinstance(args[0], (str, bytes)):
            path = os.path.abspath(os.fsdecode(args[0]))
            mode, flags = args[1] or "r", args[2] or 0
            writes = any(c in str(mode) for c in "wax+") or bool(flags & _WRITE_FLAGS)
            # realpath: a symlink to the reference is the reference.
            if reference and os.path.realpath(path).startswith(reference):
                _note(f"your code opened the grader's own file {path}")
            elif writes and not path.startswith(workspace) and path != os.devnull:
                _note(f"your code wrote to {path}, outside the kata workspace")
        elif event in ("os.remove", "os.rename", "os.replace") and args:
            path = os.path.abspath(os.fsdecode(args[0]))
            if not path.startswith(workspace):
                _note(f"your code removed or renamed {path}, outside the kata workspace")

    sys.addaudithook(hook)


# -- loading the person's file ------------------------------------------------------------


class HiddenPackages:
    """A meta path finder that refuses the grader's own packages to the person's code:
    the store's location and the references are not to be a few imports away."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(
                f"No module named {name!r} (the grader does not lend its own package "
                "to the code it grades)",
                name=name,
            )


def set_import_path(user_file: str, hidden_dirs: list[str]) -> None:
    # The person's folder comes first, as if they ran their own file: their helper
    # modules import, and nothing of ours (this folder, the source checkout) is there.
    user_dir = os.path.dirname(user_file)
    hidden = {os.path.realpath(d) for d in hidden_dirs} - {os.path.realpath(user_dir)}
    sys.path[:] = [user_dir] + [p for p in sys.path[1:] if os.path.realpath(p or ".") not in hidden]


def load_user_module(user_file: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("kata_solution", user_file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {user_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kata_solution"] = module
    spec.loader.exec_module(module)
    return module


# -- converting values --------------------------------------------------------------------


def to_track(value: Any, track: str, np: Any) -> Any:
    """Inputs arrive as numpy arrays; the torch track gets tensors, and `Rng` markers a
    fresh numpy Generator (on both tracks the randomness comes from numpy)."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__rng__":
        return np.random.default_rng(value[1])
    if type(value) in (list, tuple):  # a list of arrays (gradients, some of them None)
        items = [to_track(v, track, np) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if track == "torch" and isinstance(value, np.ndarray):
        import torch

        return torch.from_numpy(value.copy())
    if isinstance(value, np.ndarray):
        return value.copy()  # a function that edits its input must not spoil a later call
    return value


class Unreadable(Exception):
    """A result the grader cannot turn into numbers (a meta tensor, ...)."""


def torch_to_numpy(value: Any) -> Any:
    """A tensor as a numpy array, converting what numpy cannot hold: sparse and other
    layouts to dense, quantized to float, float8/bfloat16 and the like to float32."""
    import torch

    if value.device.type == "meta":
        raise Unreadable("a tensor on the 'meta' device holds no values: return a CPU tensor")
    value = value.detach()
    if value.layout != torch.strided:
        value = value.to_dense()
    if value.is_quantized:
        value = value.dequantize()
    if value.is_complex():
        value = value.to(torch.complex128) if value.dtype != torch.complex64 else value
    elif value.is_floating_point() and value.dtype not in (torch.float16, torch.float32,
                                                          torch.float64):  # fmt: skip
        value = value.to(torch.float32)  # bfloat16, float8_*: numpy has no such dtype
    value = value.cpu().resolve_conj().resolve_neg()
    return value.numpy()


def to_numpy(value: Any, np: Any) -> tuple[str, list[Any]]:
    """(kind, arrays): what the function returned, as plain numpy arrays."""
    if value is None:
        return "none", []
    if isinstance(value, (tuple, list)) and value and not _is_number_list(value):
        if len(value) > MAX_PARTS:
            return "unconvertible", []
        parts = [to_numpy(v, np) for v in value]
        # An empty list inside is a list (see tree_layout), not an array of shape (0,).
        if any(kind != "array" for kind, _ in parts) or any(
            type(v) in (list, tuple) and not v for v in value
        ):
            return "unconvertible", []
        return "tuple", [arrays[0] for _, arrays in parts]
    if type(value).__module__.startswith("torch"):
        value = torch_to_numpy(value)
    try:
        array = np.asarray(value)
    except Exception:
        return "unconvertible", []
    if array.dtype.kind not in "biufc":  # object, str, datetime, structured
        return "unconvertible", []
    return "array", [array]


def _is_number_list(value: Any) -> bool:
    return all(isinstance(v, (int, float, bool)) for v in value)


def tree_layout(value: Any, np: Any, arrays: list[Any], depth: int = 0) -> Any:
    """A result nested deeper than a tuple of arrays, or holding None (a list of
    gradients, some None, and a norm), as JSON: each array appended to `arrays` and
    named by its index, None as null, sequences as {"tuple": [...]} or {"list": [...]}.
    ValueError for anything else."""
    if value is None:
        return None
    # An empty list in a tree stays a list: where [None, None] is expected, [] is short.
    if type(value) in (list, tuple) and (not value or not _is_number_list(value)):
        if depth > 8 or len(value) > MAX_PARTS:
            raise ValueError("nested too deeply or too long")
        return {type(value).__name__: [tree_layout(v, np, arrays, depth + 1) for v in value]}
    kind, leaf = to_numpy(value, np)
    if kind != "array" or len(arrays) >= MAX_PARTS:
        raise ValueError("not an array")
    arrays.append(leaf[0])
    return len(arrays) - 1


def to_plain(value: Any, depth: int = 0) -> Any:
    """A plain Python value as tagged JSON: tuples, lists and dicts (any keys) survive the
    trip, numpy and torch scalars become int/float, and nothing else is accepted (the
    parent decodes data, never objects, so no __eq__ of the person's can decide)."""
    import numbers
    from collections.abc import Mapping

    if depth > 50:
        raise ValueError("nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return str(value) if isinstance(value, str) else value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, tuple):
        return {"tuple": [to_plain(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return {"list": [to_plain(v, depth + 1) for v in value]}
    if isinstance(value, Mapping):
        return {"dict": [[to_plain(k, depth + 1), to_plain(v, depth + 1)]
                         for k, v in value.items()]}  # fmt: skip
    if hasattr(value, "tolist") and getattr(value, "ndim", None) == 0:
        return to_plain(value.tolist(), depth + 1)  # a 0-d array or tensor
    raise ValueError(f"a {type(value).__name__}")


# -- the contract: arguments left as they were, the types returned ----------------------


def snapshot(value: Any, np: Any) -> Any:
    """What an argument was before the call. Arrays need no copy (to_track hands the
    function a copy of each); a dict or other mutable value is deep-copied, because the
    function gets the very object."""
    if isinstance(value, np.ndarray) or _is_rng(value):
        return value
    if type(value) in (list, tuple):
        items = [snapshot(v, np) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, (dict, set, bytearray)):
        return copy.deepcopy(value)
    return value


def _is_rng(value: Any) -> bool:
    return (type(value) is tuple and len(value) == 2 and isinstance(value[0], str)
            and value[0] == "__rng__")  # fmt: skip


def unchanged(before: Any, passed: Any, np: Any) -> bool:
    """Whether the value the function was given still equals its snapshot."""
    if _is_rng(before):
        return True  # a Generator's state advances by design
    if isinstance(before, np.ndarray):
        if type(passed).__module__.startswith("torch"):
            passed = passed.detach().cpu().numpy()
        return bool(
            isinstance(passed, np.ndarray) and passed.shape == before.shape
            and passed.dtype == before.dtype and np.array_equal(passed, before, equal_nan=True)
        )  # fmt: skip
    if type(before) in (list, tuple):
        pairs = zip(before, passed, strict=False)
        return (type(passed) is type(before) and len(passed) == len(before)
                and all(unchanged(b, p, np) for b, p in pairs))  # fmt: skip
    return bool(before == passed)


def changed_arguments(before: list[Any], passed: list[Any], names: list[str],
                      np: Any) -> list[str]:  # fmt: skip
    """The names (`0`, `1`, ... for positional ones) of the arguments the call changed."""
    changed = []
    for name, b, p in zip(names, before, passed, strict=False):
        try:
            same = unchanged(b, p, np)
        except Exception:  # an __eq__ of the person's that raises: it is not what it was
            same = False
        if not same:
            changed.append(name)
    return changed


def type_tree(value: Any, depth: int = 0) -> Any:
    """What the function returned, as JSON: [type, dtype] per value, sequences as
    {"tuple": [...]} or {"list": [...]}; a list of plain numbers is one leaf."""
    if type(value) in (list, tuple) and value and not _is_number_list(value) and depth < 8:
        return {type(value).__name__: [type_tree(v, depth + 1) for v in value[:MAX_PARTS]]}
    kind = type(value)
    try:
        dtype = getattr(value, "dtype", None) if kind.__module__ != "builtins" else None
        dtype_text = None if dtype is None else str(dtype)[:40]
    except Exception:
        dtype_text = None
    return [f"{kind.__module__}.{kind.__qualname__}"[:200], dtype_text]


def _shape_text(array: Any) -> str:
    return f"an array of shape {tuple(array.shape)} {array.dtype} ({array.nbytes:,} bytes)"


def send_output(channel: Channel, call_id: str, value: Any, budget: int, job: dict[str, Any],
                np: Any) -> tuple[str, str]:  # fmt: skip
    """Send one call's output; (kind, detail). Nothing larger than the budget is sent."""
    if job["python_values"]:
        try:
            payload = _dumps(to_plain(value), allow_nan=True).encode()
        except (ValueError, TypeError, RecursionError):
            return "not_plain", ""
        if len(payload) > budget:
            return "too_large", f"a value of {len(payload):,} bytes as JSON"
        channel.send({"type": "value", "call": call_id}, payload)
        return "python", ""
    layout = ""
    try:
        kind, arrays = to_numpy(value, np)
        if kind == "unconvertible" and type(value) in (list, tuple):
            with contextlib.suppress(ValueError):
                leaves: list[Any] = []
                layout = _dumps(tree_layout(value, np, leaves))
                kind, arrays = "tree", leaves  # the layout goes back as the detail
    except Unreadable as exc:
        return "unreadable", str(exc)
    except Exception as exc:
        return "unreadable", f"{type(exc).__name__}: {_safe_str(exc)}"[:2000]
    total = sum(int(a.nbytes) for a in arrays)
    if total > budget:
        shapes = ", ".join(_shape_text(a) for a in arrays)
        return "too_large", shapes
    for i, array in enumerate(arrays):
        array = np.ascontiguousarray(array).reshape(array.shape)
        header = {"type": "array", "call": call_id, "index": i,
                  "dtype": array.dtype.str, "shape": list(array.shape)}  # fmt: skip
        channel.send(header, array.tobytes())
    return kind, layout


# -- the worker ---------------------------------------------------------------------------


def finish(channel: Channel, report: dict[str, Any], code: int) -> NoReturn:
    """Send the verdict frame and end at once: nothing of the person's runs after it."""
    if _getpid() != OWNER_PID:
        # A process the person's code forked reached the end of the harness too: it must
        # not send the verdict, so the grade is the original process's alone.
        _exit(0)
    report = {**report, "events": EVENTS}
    channel.send({"type": "result"}, _dumps(report, allow_nan=True).encode())
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    _exit(code)


def define_driver(name: str, source: str) -> Any:
    """A case's driver (spec.Case.driver), defined from its source in a namespace of its own."""
    namespace: dict[str, Any] = {"__name__": "kata_driver"}
    exec(compile(source, "<kata driver>", "exec"), namespace)
    return namespace[name]


class _Collected:
    """What the calls gave: values to send, errors, and the contract's observations."""

    def __init__(self) -> None:
        self.errors: dict[str, dict[str, Any]] = {}
        self.results: list[tuple[str, Any, int]] = []
        self.peaks: dict[str, int] = {}
        self.changed: dict[str, list[str]] = {}
        self.types: dict[str, Any] = {}


def _make_call(channel: Channel, job: dict[str, Any], functions: dict[str, Any],
               user_file: str, np: Any, call: Any, traced: bool,
               got: _Collected) -> None:  # fmt: skip
    call_id, raw_args, raw_kwargs, budget, name, driver = call
    arg_names = [str(i) for i in range(len(raw_args))] + list(raw_kwargs)
    before = [snapshot(v, np) for v in [*raw_args, *raw_kwargs.values()]]
    args = [to_track(a, job["track"], np) for a in raw_args]
    kwargs = {k: to_track(v, job["track"], np) for k, v in raw_kwargs.items()}
    if traced:
        import tracemalloc

        tracemalloc.start()
    try:
        if driver is None:
            value = functions[name](*args, **kwargs)
        else:  # a loop of the kata's around the function (an optimiser's steps)
            value = define_driver(*driver)(functions[name], *args, **kwargs)
    except Exception as exc:
        # Go on with the other cases: the report shows which ones raise and which pass.
        got.errors[call_id] = describe(exc, user_file, call_id)
        return
    except BaseException as exc:  # sys.exit, KeyboardInterrupt: stop here
        finish(channel, {**describe(exc, user_file, call_id), "during": "call"},
               EXIT_REPORTED)  # fmt: skip
    finally:
        if traced:
            got.peaks[call_id] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    # The contract besides the value: what the call did to its arguments, and the types
    # it returned (the parent judges both).
    got.changed[call_id] = changed_arguments(before, [*args, *kwargs.values()], arg_names, np)
    got.types[call_id] = type_tree(value)
    got.results.append((call_id, value, budget))


def run_calls(channel: Channel, job: dict[str, Any], functions: dict[str, Any], user_file: str,
              np: Any) -> NoReturn:  # fmt: skip
    # tracemalloc sees numpy's buffers (not torch's), and slows every allocation: it runs
    # only around the calls whose case limits their memory, on the numpy track.
    traced = set(job.get("traced_calls", ())) if job["track"] == "numpy" else set()
    got = _Collected()
    for call in job["calls"]:
        _make_call(channel, job, functions, user_file, np, call, call[0] in traced, got)
    faulthandler.cancel_dump_traceback_later()
    if _getpid() != OWNER_PID:
        _exit(0)  # a fork of the person's code: only the original sends outputs
    kinds: dict[str, str] = {}
    details: dict[str, str] = {}
    for call_id, value, budget in got.results:
        kinds[call_id], detail = send_output(channel, call_id, value, budget, job, np)
        if detail:
            details[call_id] = detail
    first = next(iter(got.errors.values()), {"status": "ok"})
    report = {**first, "kinds": kinds, "details": details, "errors": got.errors,
              "peaks": got.peaks, "changed": {k: v for k, v in got.changed.items() if v},
              "types": got.types}  # fmt: skip
    finish(channel, report, EXIT_OK if not got.errors else EXIT_REPORTED)


def run_worker(settings: dict[str, Any]) -> NoReturn:
    global OWNER_PID
    OWNER_PID = _getpid()
    calls = pickle.loads(read_rest(0))
    stdin_to_devnull()
    channel = Channel(high_fd(settings["result_fd"]), bytes.fromhex(settings["key"]))
    crash = high_fd(settings["crash_fd"])
    for name in ("key", "result_fd", "crash_fd", "control_fd"):
        del settings[name]  # nothing left for the person's code to find in our frames
    job = {**settings, "calls": calls}
    # The supervisor dies only if killed from outside; then so does the worker.
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    user_file = os.path.abspath(job["file"])
    try:
        np = _prepare(channel, job, user_file, crash)
    except Exception as exc:
        finish(channel, harness_failure(exc), EXIT_HARNESS_FAILED)
    # From here on everything is the person's code: note what it does (see watch).
    watch(user_file, job.get("reference_dir"))
    functions = _user_functions(channel, job, user_file)
    try:
        run_calls(channel, job, functions, user_file, np)
    except ChannelClosed:
        raise
    except Exception as exc:
        finish(channel, harness_failure(exc), EXIT_HARNESS_FAILED)


def _prepare(channel: Channel, job: dict[str, Any], user_file: str, crash: int) -> Any:
    """Crash dumps, the time limit, the import path and the track's library; numpy."""
    faulthandler.enable(file=crash)
    faulthandler.register(signal.SIGUSR1, file=crash, all_threads=True)
    faulthandler.dump_traceback_later(job["hang_seconds"], exit=True, file=crash)
    set_import_path(user_file, job["hidden_dirs"])
    sys.dont_write_bytecode = True  # no __pycache__ in the person's workspace

    import numpy as np

    if job["track"] == "torch":
        try:
            import torch  # noqa: F401
        except ImportError:
            finish(channel, {"status": "no_torch", "message": "torch is not installed"},
                   EXIT_REPORTED)  # fmt: skip
    sys.meta_path.insert(0, HiddenPackages(tuple(job["hidden_packages"])))  # type: ignore[arg-type]
    return np


def _user_functions(channel: Channel, job: dict[str, Any], user_file: str) -> dict[str, Any]:
    """Import the person's file and find every function the calls name (or report why
    not: a syntax error, an exception at import, a function missing)."""
    try:
        module = load_user_module(user_file)
    except SyntaxError as exc:
        finish(
            channel,
            {
                "status": "syntax_error",
                "error_type": type(exc).__name__,
                "message": _cut(str(exc.msg)),
                "line": exc.lineno,
                "source_line": _cut((exc.text or "").rstrip("\n")),
                "offset": exc.offset,
                "traceback": _cut("".join(traceback.format_exception_only(type(exc), exc))),
            },
            EXIT_REPORTED,
        )
    except BaseException as exc:
        finish(channel, {**describe(exc, user_file, None), "during": "import"}, EXIT_REPORTED)
    # A kata may ask for several functions (each call names its own): all must exist.
    wanted = dict.fromkeys([job["function"], *(call[4] for call in job["calls"])])
    functions = {name: getattr(module, name, None) for name in wanted}
    missing = [name for name, f in functions.items() if not callable(f)]
    if missing:
        names = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_"))
        finish(channel, {"status": "missing_function", "found": names[:50],
                         "missing": missing[0] if len(wanted) > 1 else None},
               EXIT_REPORTED)  # fmt: skip
    return functions


def harness_failure(exc: BaseException) -> dict[str, Any]:
    return {
        "status": "harness_failed",
        "message": _cut(f"{type(exc).__name__}: {_safe_str(exc)}"),
        "traceback": _cut("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))),
    }


def main() -> NoReturn:
    try:
        (length,) = struct.unpack(">I", read_exactly(0, 4))
        settings = json.loads(read_exactly(0, length))
        supervise(settings)  # returns in the worker only
        run_worker(settings)
    except ChannelClosed as exc:
        sys.stderr.write(f"interviewprep's kata harness: its result channel was closed ({exc})\n")
        sys.stderr.flush()
        _exit(EXIT_CHANNEL_CLOSED)
    except BaseException:  # the harness itself broke
        sys.stderr.write("interviewprep's kata harness failed:\n" + traceback.format_exc())
        sys.stderr.flush()
        _exit(EXIT_HARNESS_FAILED)


if __name__ == "__main__":
    main()
