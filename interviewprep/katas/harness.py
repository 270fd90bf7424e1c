"""The child process: load the person's file, call their function on every case, save outputs.

Run as a script by runner.py (never imported by the package): `python harness.py JOB_DIR`.
It reads JOB_DIR/job.pkl and writes JOB_DIR/result.json and JOB_DIR/outputs.npz. It
imports only the standard library and numpy (torch only on the torch track), so the
numpy track starts fast. faulthandler writes JOB_DIR/crash.txt on a segfault, when the
time limit is near, and when the parent sends SIGUSR1; that is how a report can name
the line of the person's file even when the process had to be killed.
"""

from __future__ import annotations

import faulthandler
import json
import os
import pickle
import signal
import sys
import traceback
from typing import Any

EXIT_OK = 0
EXIT_REPORTED = 3  # a problem described in result.json


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


def describe(exc: BaseException, user_file: str, case: str | None) -> dict[str, Any]:
    line, text = user_frame(exc.__traceback__, user_file)
    if isinstance(exc, SystemExit):
        kind = "exit"
    elif isinstance(exc, MemoryError) or "can't allocate memory" in str(exc):
        kind = "memory"
    elif isinstance(exc, NotImplementedError):
        kind = "not_implemented"
    else:
        kind = "exception"
    return {
        "status": kind,
        "case": case,
        "error_type": type(exc).__name__,
        "message": str(exc),
        "line": line,
        "source_line": text,
        "traceback": user_traceback(exc, user_file),
    }


OWNER_PID = os.getpid()
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
        EVENTS.append(text)


def watch(user_file: str, job_dir: str, reference_dir: str | None) -> None:
    """Record (never block) what the grader reports: processes started, the reference
    solutions read, files written outside the kata workspace. It is a grader's note,
    not a sandbox: the code runs with the person's own rights."""
    workspace = os.path.dirname(user_file) + os.sep
    job = os.path.abspath(job_dir) + os.sep
    reference = os.path.abspath(reference_dir) + os.sep if reference_dir else None

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if os.getpid() != OWNER_PID:
            return
        if event in PROCESS_EVENTS:
            _note(f"your code {PROCESS_EVENTS[event]} ({event})")
        elif event == "open" and isinstance(args[0], (str, bytes)):
            path = os.path.abspath(os.fsdecode(args[0]))
            mode, flags = args[1] or "r", args[2] or 0
            writes = any(c in str(mode) for c in "wax+") or bool(flags & _WRITE_FLAGS)
            if reference and path.startswith(reference):
                _note(f"your code opened the grader's own file {path}")
            elif writes and not path.startswith((workspace, job)) and path != os.devnull:
                _note(f"your code wrote to {path}, outside the kata workspace")
        elif event in ("os.remove", "os.rename", "os.replace") and args:
            path = os.path.abspath(os.fsdecode(args[0]))
            if not path.startswith((workspace, job)):
                _note(f"your code removed or renamed {path}, outside the kata workspace")

    sys.addaudithook(hook)


def write_result(job_dir: str, result: dict[str, Any]) -> None:
    if os.getpid() != OWNER_PID:
        # A process the person's code forked reached the end of the harness too: it must
        # not write the verdict, so the grade is the original process's alone.
        os._exit(0)
    result = {**result, "events": EVENTS}
    with open(os.path.join(job_dir, "result.json"), "w", encoding="utf-8") as f:
        json.dump(result, f)


def load_user_module(user_file: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("kata_solution", user_file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {user_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kata_solution"] = module
    spec.loader.exec_module(module)
    return module


def to_track(value: Any, track: str, np: Any) -> Any:
    """Inputs arrive as numpy arrays; the torch track gets tensors, and `Rng` markers a
    fresh numpy Generator (on both tracks the randomness comes from numpy)."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__rng__":
        return np.random.default_rng(value[1])
    if track == "torch" and isinstance(value, np.ndarray):
        import torch

        return torch.from_numpy(value.copy())
    if isinstance(value, np.ndarray):
        return value.copy()  # a function that edits its input must not spoil a later call
    return value


def to_numpy(value: Any, np: Any) -> tuple[str, list[Any]]:
    """(kind, arrays): what the function returned, as plain numpy arrays."""
    if value is None:
        return "none", []
    if isinstance(value, (tuple, list)) and value and not _is_number_list(value):
        parts = [to_numpy(v, np) for v in value]
        if any(kind != "array" for kind, _ in parts):
            return "unconvertible", []
        return "tuple", [arrays[0] for _, arrays in parts]
    if type(value).__module__.startswith("torch"):
        value = value.detach().cpu()
        if str(value.dtype) == "torch.bfloat16":
            value = value.float()
        value = value.numpy()
    try:
        array = np.asarray(value)
    except Exception:
        return "unconvertible", []
    if array.dtype == object:
        return "unconvertible", []
    return "array", [array]


def _is_number_list(value: Any) -> bool:
    return all(isinstance(v, (int, float, bool)) for v in value)


def to_plain(value: Any, depth: int = 0) -> Any:
    """A plain Python value as tagged JSON: tuples, lists and dicts (any keys) survive the
    trip, numpy and torch scalars become int/float, and nothing else is accepted (the
    parent decodes data, never objects, so no __eq__ of the person's can decide)."""
    import numbers
    from collections.abc import Mapping

    if depth > 50:
        raise ValueError("nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
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


def run(job_dir: str) -> int:
    with open(os.path.join(job_dir, "job.pkl"), "rb") as f:
        job = pickle.load(f)
    user_file = os.path.abspath(job["file"])
    crash = open(os.path.join(job_dir, "crash.txt"), "w")  # noqa: SIM115 - open until exit
    faulthandler.enable(file=crash)
    faulthandler.register(signal.SIGUSR1, file=crash, all_threads=True)
    faulthandler.dump_traceback_later(job["hang_seconds"], exit=True, file=crash)
    # The person's folder comes first, as if they ran their own file: their helper
    # modules import, and nothing of ours (this folder) shadows theirs.
    sys.path[0] = os.path.dirname(user_file)
    sys.dont_write_bytecode = True  # no __pycache__ in the person's workspace

    import numpy as np

    if job["track"] == "torch":
        try:
            import torch  # noqa: F401
        except ImportError:
            write_result(job_dir, {"status": "no_torch", "message": "torch is not installed"})
            return EXIT_REPORTED
    # From here on everything is the person's code: note what it does (see watch).
    watch(user_file, job_dir, job.get("reference_dir"))
    try:
        module = load_user_module(user_file)
    except SyntaxError as exc:
        write_result(
            job_dir,
            {
                "status": "syntax_error",
                "error_type": type(exc).__name__,
                "message": exc.msg,
                "line": exc.lineno,
                "source_line": (exc.text or "").rstrip("\n"),
                "offset": exc.offset,
                "traceback": "".join(traceback.format_exception_only(type(exc), exc)),
            },
        )
        return EXIT_REPORTED
    except BaseException as exc:
        write_result(job_dir, {**describe(exc, user_file, None), "during": "import"})
        return EXIT_REPORTED
    function = getattr(module, job["function"], None)
    if not callable(function):
        names = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_"))
        write_result(job_dir, {"status": "missing_function", "found": names})
        return EXIT_REPORTED

    outputs: dict[str, Any] = {}
    values: dict[str, Any] = {}  # plain Python outputs, for katas that return them
    kinds: dict[str, str] = {}
    errors: dict[str, dict[str, Any]] = {}
    for call_id, args, kwargs in job["calls"]:
        args = [to_track(a, job["track"], np) for a in args]
        kwargs = {k: to_track(v, job["track"], np) for k, v in kwargs.items()}
        try:
            value = function(*args, **kwargs)
        except Exception as exc:
            # Go on with the other cases: the report shows which ones raise and which pass.
            errors[call_id] = describe(exc, user_file, call_id)
            continue
        except BaseException as exc:  # sys.exit, KeyboardInterrupt: stop here
            write_result(job_dir, {**describe(exc, user_file, call_id), "during": "call"})
            return EXIT_REPORTED
        if job.get("python_values"):
            try:
                values[call_id] = to_plain(value)
                kinds[call_id] = "python"
            except (ValueError, TypeError, RecursionError):
                kinds[call_id] = "not_plain"
            continue
        kind, arrays = to_numpy(value, np)
        kinds[call_id] = kind
        for i, array in enumerate(arrays):
            outputs[f"{call_id}__{i}"] = array
    faulthandler.cancel_dump_traceback_later()
    if os.getpid() != OWNER_PID:
        os._exit(0)  # a fork of the person's code: only the original writes outputs
    np.savez(os.path.join(job_dir, "outputs.npz"), **outputs)
    first = next(iter(errors.values()), {"status": "ok"})
    write_result(job_dir, {**first, "kinds": kinds, "values": values, "errors": errors})
    return EXIT_OK if not errors else EXIT_REPORTED


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
