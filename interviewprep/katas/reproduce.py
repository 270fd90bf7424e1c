"""A failing case as Python code the person can paste into a prompt: the inputs, the
call, what the grader expects and what their function returned."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, Rng

MAX_LITERAL = 20_000  # characters: an input larger than this is described, not written out


def _number(value: Any, track: str) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return 'float("nan")'
        return 'float("inf")' if value > 0 else '-float("inf")'
    return repr(value)


def _nested(items: Any, track: str) -> str:
    if isinstance(items, list):
        return "[" + ", ".join(_nested(v, track) for v in items) + "]"
    return _number(items, track)


def literal(value: Any, track: str = "numpy") -> str:
    """Python source that builds `value` on the track (arrays exactly: repr of each
    float round-trips, and a float32 value is exact in float64)."""
    if isinstance(value, Rng):
        return f"np.random.default_rng({value.seed})"
    if isinstance(value, np.ndarray):
        body = _nested(value.tolist(), track)
        if track == "torch":
            return f"torch.tensor({body}, dtype=torch.{value.dtype})"
        return f"np.array({body}, dtype=np.{value.dtype})"
    if isinstance(value, np.generic):
        return _number(value.item(), track)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v, track) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v, track) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k, track)}: {literal(v, track)}"
                               for k, v in value.items()) + "}"  # fmt: skip
    return _number(value, track)


def _bounded(name: str, value: Any, track: str) -> str:
    text = literal(value, track)
    if len(text) <= MAX_LITERAL:
        return f"{name} = {text}"
    shape = f"shape {value.shape} {value.dtype}" if isinstance(value, np.ndarray) else "value"
    return f"{name} = ...  # a {shape} too large to write out here"


def snippet(case: Case, names: list[str], function: str, user_file: Path, track: str,
            expected: Any, got: Any, *, driver_source: str | None = None,
            tolerance: tuple[float, float] | None = None) -> str:  # fmt: skip
    """The case as code: imports, inputs, the call, `expected` and what was `graded`."""
    module = user_file.stem
    lines = ["import numpy as np"]
    if track == "torch":
        lines.append("import torch")
    if module.isidentifier():
        lines.append(f"from {module} import {function}  # your file: start Python in its folder")
    else:
        lines.append(f"# paste your {function} here")
    if driver_source:
        lines += ["", *driver_source.rstrip().splitlines()]
    lines.append("")
    call_args = []
    for i, value in enumerate(case.args):
        name = names[i] if i < len(names) else f"arg{i}"
        if isinstance(value, (np.ndarray, dict, list, tuple, Rng)):
            lines.append(_bounded(name, value, track))
            call_args.append(name)
        else:
            call_args.append(literal(value, track))
    for key, value in case.kwargs.items():
        if isinstance(value, (np.ndarray, dict, list, tuple, Rng)):
            lines.append(_bounded(key, value, track))
            call_args.append(f"{key}={key}")
        else:
            call_args.append(f"{key}={literal(value, track)}")
    if driver_source and case.driver is not None:
        call = f"{case.driver.__name__}({function}, {', '.join(call_args)})"
    else:
        call = f"{function}({', '.join(call_args)})"
    lines.append(f"result = {call}")
    lines.append(_bounded("expected", expected, "numpy"))
    lines.append(_bounded("graded", got, "numpy") + "  # what your function returned")
    if tolerance is not None:
        rtol, atol = tolerance
        lines.append(f"# the grader compares with rtol={rtol:g}, atol={atol:g}")
    return "\n".join(lines)


def input_size(case: Case) -> int:
    """How many numbers a case's inputs hold, to pick the smallest failing one."""

    def size(value: Any) -> int:
        if isinstance(value, np.ndarray):
            return int(value.size)
        if isinstance(value, (list, tuple)):
            return sum(size(v) for v in value) + 1
        if isinstance(value, dict):
            return sum(size(k) + size(v) for k, v in value.items()) + 1
        if isinstance(value, str):
            return 1
        return 1

    return sum(size(v) for v in [*case.args, *case.kwargs.values()])
