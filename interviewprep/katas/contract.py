"""The contract of a kata function besides its values: arguments left as they were, the
dtype promised, the type of what it returns.

The child reports, for every call, which arguments the call changed and a type tree of
what it returned (harness.changed_arguments, harness.type_tree); this module turns that
into sentences, by what the kata's statement promises (KataSpec.pure, preserves_dtype,
track_types). It judges data only: nothing of the person's code runs here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec

TRACK_TYPES = {"numpy": "numpy.ndarray", "torch": "torch.Tensor"}
_MAKE = {"numpy": "np.asarray(...)", "torch": "torch.as_tensor(...)"}


def argument_name(key: str, names: list[str]) -> str:
    """A parameter's name from the harness's key ("0" is the first positional one)."""
    if key.isdigit():
        index = int(key)
        return names[index] if index < len(names) else f"argument {index + 1}"
    return key


def changed_problem(keys: set[str], names: list[str]) -> str | None:
    if not keys:
        return None
    which = ", ".join(f"`{argument_name(k, names)}`" for k in sorted(keys))
    return (f"changed {which} in place: the statement asks for the inputs to be left as "
            "they were (work on a copy: the caller still needs them)")  # fmt: skip


def promised_dtype(case: Case) -> str | None:
    """The dtype of the case's floating inputs when they share one (else no promise)."""
    values = [*case.args, *case.kwargs.values()]
    flat = [w for v in values for w in (v if type(v) in (list, tuple) else [v])]
    dtypes = {str(v.dtype) for v in flat if isinstance(v, np.ndarray) and v.dtype.kind == "f"}
    return dtypes.pop() if len(dtypes) == 1 else None


def _leaves(tree: Any, expected: Any, where: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(where, [type, dtype], expected) for each returned value the structure lines up
    with; where it does not, the value comparison already says what is wrong."""
    if isinstance(tree, dict):
        ((tag, items),) = tree.items()
        if isinstance(expected, (tuple, list)) and len(expected) == len(items):
            for i, (t, e) in enumerate(zip(items, expected, strict=True)):
                yield from _leaves(t, e, f"item {i}: " if not where else f"{where}item {i}: ")
        elif isinstance(expected, np.ndarray):  # nested lists where one array is expected
            yield where, [f"builtins.{tag}", None], expected
        return
    if not isinstance(expected, (tuple, list)):
        yield where, tree, expected


def _short(type_name: str) -> str:
    return {"builtins.list": "a list", "builtins.tuple": "a tuple", "builtins.float": "a float",
            "builtins.int": "an int"}.get(type_name, f"a {type_name}")  # fmt: skip


def _type_problem(where: str, leaf: Any, expected: Any, track: str) -> str | None:
    name = leaf[0]
    want = TRACK_TYPES[track]
    if expected is None or name == want:
        return None
    if np.ndim(expected) == 0:  # a scalar: any real number will do
        if name in ("builtins.float", "builtins.int", "builtins.bool"):
            return None
        if track == "numpy" and name.startswith("numpy.") and name != "numpy.ndarray":
            return None  # a numpy scalar, np.float32(...)
    if name == "numpy.ndarray" and track == "torch":
        return f"{where}returned a numpy.ndarray on the torch track: return a torch.Tensor"
    if name == "torch.Tensor" and track == "numpy":
        return f"{where}returned a torch.Tensor on the numpy track: return a numpy.ndarray"
    return f"{where}returned {_short(name)}, not a {want}: return one ({_MAKE[track]})"


def _floating(dtype: str | None) -> str | None:
    if dtype is None:
        return None
    dtype = dtype.removeprefix("torch.")
    return dtype if dtype.startswith(("float", "bfloat")) else None


def _dtype_problem(where: str, leaf: Any, promised: str) -> str | None:
    got = _floating(leaf[1])
    if got is None or got == promised:
        return None
    return (f"{where}returned {got} for {promised} inputs: the statement promises the "
            f"inputs' dtype (a float64 constant such as np.float64(...) or np.sqrt(n) "
            f"promotes {promised}; use Python floats or math.sqrt, or cast the result)")


def contract_problems(spec: KataSpec, case: Case, track: str, names: list[str],
                      changed: set[str], tree: Any, expected: Any) -> list[str]:  # fmt: skip
    """What of the statement's contract one case's calls broke, as sentences."""
    problems = []
    if spec.pure:
        problem = changed_problem(changed, names)
        if problem:
            problems.append(problem)
    if tree is None or spec.python_values:
        return problems
    promised = promised_dtype(case) if spec.preserves_dtype else None
    for where, leaf, want in _leaves(tree, expected):
        problem = _type_problem(where, leaf, want, track) if spec.track_types else None
        if problem is None and promised is not None:
            problem = _dtype_problem(where, leaf, promised)
        if problem:
            problems.append(problem)
    return problems
