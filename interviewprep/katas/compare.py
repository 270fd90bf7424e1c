"""Compare one output with the expected array and say precisely how they differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

# (rtol, atol) by the least precise floating input: float32 keeps ~7 digits, and a few
# reductions (sums over a row, matrix products) lose one or two more.
TOLERANCES = {np.dtype(np.float64): (1e-6, 1e-9), np.dtype(np.float32): (2e-4, 2e-5)}
KIND_NAMES = {"b": "a boolean array", "i": "an integer array", "u": "an integer array",
              "f": "a floating-point array"}  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    passed: bool
    message: str
    details: tuple[str, ...] = ()


def default_tolerance(values: list[Any]) -> tuple[float, float]:
    """The tolerance for a case: that of its least precise floating-point input."""
    values = [w for v in values for w in (v if type(v) in (list, tuple) else [v])]
    floats = [v.dtype for v in values if isinstance(v, np.ndarray) and v.dtype.kind == "f"]
    if any(d.itemsize < 8 for d in floats):
        return TOLERANCES[np.dtype(np.float32)]
    return TOLERANCES[np.dtype(np.float64)]


def _kind(dtype: np.dtype[Any]) -> str:
    return "i" if dtype.kind == "u" else dtype.kind


def _fmt(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    return str(value.item() if hasattr(value, "item") else value)


def _index(idx: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(int(i)) for i in idx) + ("," if len(idx) == 1 else "") + ")"


def close_mask(expected: Any, got: Any, rtol: float, atol: float, equal_nan: bool = False) -> Any:
    """Elementwise agreement; equal infinities agree, and a NaN only with equal_nan."""
    with np.errstate(all="ignore"):
        return np.isclose(
            got.astype(np.float64), expected.astype(np.float64), rtol, atol, equal_nan=equal_nan
        )


def compare_array(
    expected: Any, got: Any, rtol: float, atol: float, exact: bool = False
) -> Comparison:
    """Shapes, dtype kind, then values; the details name errors, NaN/inf and the first
    differing index with both values."""
    # The kind, not the dtype: references compute in float64, and float32 passes.
    kind = KIND_NAMES.get(expected.dtype.kind, f"an array of {expected.dtype}")
    header = f"expected {kind} of shape {expected.shape}, got {got.dtype} of shape {got.shape}"
    if got.shape != expected.shape:
        message = f"shape {got.shape}, expected {expected.shape}{shape_hint(expected, got)}"
        if is_small(expected) and is_small(got):  # a short sequence: show both whole
            message += f": expected {show(expected)}, got {show(got)}"
        return Comparison(False, message, (header,))
    if _kind(got.dtype) != _kind(expected.dtype) and not (
        exact and _kind(expected.dtype) == "i" and got.dtype.kind == "b"
    ):
        return Comparison(
            False,
            f"dtype {got.dtype}, expected {KIND_NAMES.get(expected.dtype.kind, expected.dtype)}",
            (header,),
        )
    same = got == expected if exact else close_mask(expected, got, rtol, atol)
    if bool(np.all(same)):
        return Comparison(True, "ok")
    message, details = _describe(expected, got, same, rtol, atol, exact, header)
    if expected.ndim == 0:  # a scalar: both values say it all
        message = f"expected {show(expected)}, got {show(got)}"
    elif is_small(expected):
        details = (*details, f"expected {show(expected)}", f"got      {show(got)}")
    return Comparison(False, message, details)


SMALL = 20  # an output of at most this many numbers (1-D) is shown whole in a report


def is_small(value: Any) -> bool:
    if isinstance(value, (list, tuple, dict)):  # a nested output: not one short sequence
        return False
    return bool(np.ndim(value) <= 1 and np.size(value) <= SMALL)


def show(value: Any) -> str:
    """A scalar or a short 1-D array as its values: `-0.978166`, `[2, 3]`."""
    array = np.asarray(value)
    if array.ndim == 0:
        return _fmt(array.item() if array.dtype.kind != "f" else float(array))
    return "[" + ", ".join(_fmt(v) for v in array.tolist()) + "]"


def shape_hint(expected: Any, got: Any) -> str:
    """A guess at the cause of a wrong shape, only where its condition holds."""
    if got.ndim == expected.ndim > 1 and sorted(got.shape) == sorted(expected.shape):
        return " (the same sizes in another order: a transpose or a wrong reshape?)"
    # One number where an array is expected: a reduction over every axis gives a 0-d
    # value (or all ones with keepdims); a 1-D result of one item is a short sequence.
    all_ones = got.ndim == expected.ndim and expected.ndim > 1 and got.size == 1
    if expected.size > 1 and (got.ndim == 0 or all_ones):
        return " (one number: a sum or max over every axis instead of one?)"
    return ""


def _describe(
    expected: Any, got: Any, same: Any, rtol: float, atol: float, exact: bool, header: str
) -> tuple[str, tuple[str, ...]]:
    wrong = int(np.size(same) - np.count_nonzero(same))
    first = tuple(np.argwhere(~same)[0])
    details = [header]
    where = f"first at {_index(first)}: expected {_fmt(expected[first])}, got {_fmt(got[first])}"
    if exact or got.dtype.kind != "f":
        return f"{wrong} of {same.size} entries differ; {where}", (*details, where)
    e = expected.astype(np.float64)
    g = got.astype(np.float64)
    both = np.isfinite(e) & np.isfinite(g)
    if both.any():
        err = np.abs(g[both] - e[both])
        rel = err / np.maximum(np.abs(e[both]), 1e-300)
        among = "" if both.all() else " among entries that are finite in both"
        details.append(
            f"max abs error {err.max():.3g}, max rel error {rel.max():.3g}{among} "
            f"(tolerance rtol={rtol:g}, atol={atol:g})"
        )
    details.append(f"{wrong} of {same.size} entries differ; {where}")
    notes = []
    nan = int(np.count_nonzero(np.isnan(g) & ~np.isnan(e)))
    if nan:
        notes.append(f"{nan} NaN where the expected value is a number")
    inf = int(np.count_nonzero(np.isinf(g) & ~np.isinf(e)))
    if inf:
        notes.append(f"{inf} inf where the expected value is finite")
    lost = int(np.count_nonzero(np.isinf(e) & ~np.isinf(g)))
    if lost:
        notes.append(f"{lost} finite values where -inf/inf is expected")
    details += notes
    message = f"values differ; {where}"
    if notes:
        message += "; " + "; ".join(notes)
    return message, tuple(details)


def is_sequence(expected: Any, got: Any) -> bool:
    """Whether `expected` is compared item by item: a tuple always, a list when `got` is a
    sequence too or when the list cannot be one array (a list of gradients, some None);
    else as one array."""
    if isinstance(expected, tuple):
        return True
    return isinstance(expected, list) and (isinstance(got, (list, tuple))
                                           or not _one_array(expected))  # fmt: skip


def _one_array(values: list[Any]) -> bool:
    try:
        return np.asarray(values).dtype.kind in "biufc"
    except (ValueError, TypeError):  # arrays of different shapes
        return False


def outputs_match(reference: Any, got: Any, rtol: float, atol: float, exact: bool) -> bool:
    """Whether two outputs (arrays, tuples of arrays, lists of arrays and None) agree;
    used to spot known mistakes."""
    if reference is None or got is None:
        return reference is None and got is None
    if is_sequence(reference, got) != is_sequence(got, reference):
        return False
    if is_sequence(reference, got):
        return len(reference) == len(got) and all(
            outputs_match(r, g, rtol, atol, exact) for r, g in zip(reference, got, strict=False)
        )
    reference, got = np.asarray(reference), np.asarray(got)
    if reference.shape != got.shape or _kind(reference.dtype) != _kind(got.dtype):
        return False
    if exact or got.dtype.kind != "f":
        return bool(np.array_equal(reference, got))
    return bool(np.all(close_mask(reference, got, rtol, atol, equal_nan=True)))


# -- plain Python values (katas whose function returns tuples, dicts, strings) ----------


def _plain_key(value: Any) -> Any:
    """Lists and tuples count as the same sequence (a pair may come back as a list)."""
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_plain_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", frozenset((_plain_key(k), _plain_key(v)) for k, v in value.items()))
    return value


def values_equal(expected: Any, got: Any) -> bool:
    try:
        return bool(_plain_key(expected) == _plain_key(got))
    except TypeError:  # something unhashable inside: not a plain value
        return False


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _first_difference(expected: Any, got: Any, where: str) -> str:
    if isinstance(expected, dict) and isinstance(got, dict):
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"{len(missing)} missing key(s), e.g. {_short(missing[0])}")
            if extra:
                parts.append(f"{len(extra)} unexpected key(s), e.g. {_short(extra[0])}")
            return f"{where}: " + "; ".join(parts)
        for key in expected:
            if not values_equal(expected[key], got[key]):
                return _first_difference(expected[key], got[key], f"{where}[{_short(key)}]")
    seq = (list, tuple)
    if isinstance(expected, seq) and isinstance(got, seq) and len(expected) == len(got):
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            if not values_equal(e, g):
                return _first_difference(e, g, f"{where}[{i}]")
    return f"{where}: expected {_short(expected)}, got {_short(got)}"


def compare_value(expected: Any, got: Any) -> Comparison:
    """Equality of plain Python values; a failure names the first place they differ."""
    if values_equal(expected, got):
        return Comparison(True, "ok")
    where = _first_difference(expected, got, "output")
    return Comparison(False, where, (f"expected {_short(expected, 200)}",
                                     f"got      {_short(got, 200)}"))  # fmt: skip
