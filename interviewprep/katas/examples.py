"""The `>>>` examples of a kata's statement, run against its reference.

A statement's example is a promise to the person reading it, so every one must run as
written and print what it says. Numbers are compared at the precision they are printed
with (`1.66976155` must be within one unit of its last digit; a trailing `...` cuts a
number short), the rest of the text with its spacing ignored (numpy aligns columns by
the widest number).
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from typing import Any

from interviewprep.katas.catalog import Kata, load_references

# A number as Python and numpy print it, and a `...` that may follow it (cut short).
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(\.\.\.)?")


@dataclass(frozen=True)
class ExampleResult:
    source: str
    want: str
    got: str
    passed: bool
    line: int | None = None  # in statement.md, from 1


def _numbers(text: str) -> tuple[list[tuple[float, int, bool]], str]:
    """(value, decimals printed, cut short by `...`) of every number, and the text with
    each number as `#`."""
    found = []

    def one(match: re.Match[str]) -> str:
        token = match.group(0).removesuffix("...")
        mantissa, _, exponent = token.lower().partition("e")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        found.append((float(token), decimals - int(exponent or 0), match.group(1) is not None))
        return "#"

    return found, "".join(_NUMBER.sub(one, text).split())


def _agrees(want: float, decimals: int, cut: bool, got: float) -> bool:
    """Whether `got` printed to `want`'s decimals reads `want` (cut short: starts with it)."""
    step = 10.0**-decimals
    if cut:
        return abs(got - want) < step
    return abs(round(got, decimals) - want) < step / 2


def same_at_printed_precision(want: str, got: str) -> bool:
    """Whether `got` prints what `want` shows: the same text around the numbers, and each
    number of `got` rounded to the digits `want` prints reads as `want` (numpy drops
    trailing zeros, so `0.5` is 0.50000000: it does not read as 0.50000001)."""
    wanted, want_shape = _numbers(want)
    gotten, got_shape = _numbers(got)
    if want_shape != got_shape or len(wanted) != len(gotten):
        return False
    pairs = zip(wanted, gotten, strict=True)
    return all(_agrees(w, decimals, cut, g) for (w, decimals, cut), (g, _, _) in pairs)


class _Checker(doctest.OutputChecker):
    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return want == got or same_at_printed_precision(want, got)


def statement_examples(kata: Kata) -> list[doctest.Example]:
    return doctest.DocTestParser().get_examples(kata.statement(), kata.statement_file.name)


def example_namespace(kata: Kata) -> dict[str, Any]:
    """What an example may use: numpy as np, math, and the reference functions."""
    import math

    import numpy as np

    return {"np": np, "math": math, **load_references(kata, "numpy")}


class _Recorder(doctest.DocTestRunner):
    """A runner that keeps each example's outcome and report, in order."""

    def __init__(self) -> None:
        super().__init__(checker=_Checker(), optionflags=doctest.ELLIPSIS)
        self.outcomes: dict[int, tuple[bool, str]] = {}

    def report_start(self, out: Any, test: Any, example: Any) -> None:
        pass

    def report_success(self, out: Any, test: Any, example: Any, got: str) -> None:
        self.outcomes[id(example)] = (True, got)

    def report_failure(self, out: Any, test: Any, example: Any, got: str) -> None:
        self.outcomes[id(example)] = (False, got)

    def report_unexpected_exception(self, out: Any, test: Any, example: Any,
                                    exc_info: Any) -> None:  # fmt: skip
        import traceback

        lines = traceback.format_exception_only(exc_info[0], exc_info[1])
        self.outcomes[id(example)] = (False, "raised " + "".join(lines).strip())


def run_examples(kata: Kata) -> list[ExampleResult]:
    """Every `>>>` example of the statement, in order and in one namespace (a later one
    uses what an earlier one defined), with what it printed."""
    examples = statement_examples(kata)
    test = doctest.DocTest(examples, example_namespace(kata), kata.name,
                           str(kata.statement_file), 0, None)  # fmt: skip
    runner = _Recorder()
    runner.run(test, out=lambda text: None)
    results = []
    for example in examples:
        passed, got = runner.outcomes.get(id(example), (False, "not run"))
        results.append(ExampleResult(example.source.rstrip("\n"), example.want.rstrip("\n"),
                                     got.rstrip("\n"), passed, example.lineno + 1))  # fmt: skip
    return results
