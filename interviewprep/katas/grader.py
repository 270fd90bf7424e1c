"""Grade a person's file: build the cases, run them in one child, compare, diagnose.

Expected values come from the reference computed here in float64; outputs come back
from the child as plain arrays, so nothing the person's code does can change the verdict.
Known mistakes are recognised by running the catalogue of mistaken variants on the same
inputs (in the inputs' own dtype, so an overflow that float32 code hits is reproduced).
"""

from __future__ import annotations

import inspect
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np

from interviewprep.katas.catalog import Kata, load_references, load_spec
from interviewprep.katas.compare import (
    Comparison,
    compare_array,
    compare_value,
    default_tolerance,
    is_sequence,
    outputs_match,
    values_equal,
)
from interviewprep.katas.runner import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    Call,
    Output,
    RunResult,
    RunStatus,
    run_user_code,
)
from interviewprep.katas.spec import Case, Formulation, Mistake, Rng, Verdict


class GradeStatus(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # could not run


@dataclass(frozen=True)
class CaseResult:
    name: str
    passed: bool
    message: str
    inputs: str = ""
    details: tuple[str, ...] = ()
    diagnosis: str | None = None
    # Every catalogued mistake the output matches, in catalogue order (the first is
    # `diagnosis`); a whole report names the one that explains the most failing cases.
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradeReport:
    kata: str
    track: str
    file: Path
    status: GradeStatus
    cases: list[CaseResult] = field(default_factory=list)
    diagnosis: str | None = None
    run: RunResult | None = None
    duration_s: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status is GradeStatus.PASSED

    @property
    def cases_passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def exit_code(self) -> int:
        return {GradeStatus.PASSED: 0, GradeStatus.FAILED: 1, GradeStatus.ERROR: 2}[self.status]

    def to_json(self) -> dict[str, Any]:
        """The `kata check --json` object; a run that failed puts its reason in diagnosis."""
        diagnosis = self.diagnosis
        if self.status is GradeStatus.ERROR and self.run is not None:
            diagnosis = "could not run: " + run_summary(self.run, self.file)
        data: dict[str, Any] = {
            "kata": self.kata,
            "passed": self.passed,
            "cases": [
                {"name": c.name, "passed": c.passed, "message": c.message} for c in self.cases
            ],
            "diagnosis": diagnosis,
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data

    @property
    def notes(self) -> tuple[str, ...]:
        """What the code did besides computing: forked, read the reference, wrote outside."""
        return self.run.events if self.run is not None else ()


_RUN_HEADLINES = {
    RunStatus.SYNTAX_ERROR: "syntax error",
    RunStatus.MISSING_FUNCTION: "the function is missing",
    RunStatus.NOT_IMPLEMENTED: "not implemented yet (the function raises NotImplementedError)",
    RunStatus.EXCEPTION: "your code raised an exception",
    RunStatus.EXIT: "your code exited the process",
    RunStatus.MEMORY: "out of memory",
    RunStatus.TIMEOUT: "time limit exceeded",
    RunStatus.CRASHED: "the process crashed",
    RunStatus.OUTPUT_LIMIT: "too much printed output",
    RunStatus.NO_TORCH: "torch is not installed (pip install 'interviewprep[torch]')",
    RunStatus.HARNESS_FAILED: (
        "the grader itself failed (a problem in interviewprep, not in your code; please report it)"
    ),
    RunStatus.RESULTS_DAMAGED: "the grader could not read your code's results",
}


def run_headline(run: RunResult) -> str:
    return _RUN_HEADLINES.get(run.status, run.status.value)


def run_summary(run: RunResult, file: Path) -> str:
    """One line: what went wrong and where, e.g. for --json and the store."""
    text = run_headline(run)
    if run.message and run.status is not RunStatus.NOT_IMPLEMENTED:
        text += f": {run.message}"
    if run.line is not None:
        text += f" (line {run.line} of {file.name}"
        text += f": {run.source_line})" if run.source_line else ")"
    return text


# -- building the calls -----------------------------------------------------------------


# An output may be this many times the bytes of the reference's (as float64), plus the
# floor: a wrong shape is still read and reported, a runaway one is refused unread.
BUDGET_FACTOR = 4
BUDGET_FLOOR = 2**20


def _encode(value: Any, repeat: int) -> Any:
    return ("__rng__", value.seed_of(repeat)) if isinstance(value, Rng) else value


def _decode(value: Any, repeat: int) -> Any:
    return np.random.default_rng(value.seed_of(repeat)) if isinstance(value, Rng) else value


def _count_numbers(value: Any, depth: int = 0) -> int:
    """How many numbers (or characters) a reference output holds, to bound the person's."""
    if depth > 50:
        return 1
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, str):
        return len(value) + 1
    if isinstance(value, dict):
        return sum(_count_numbers(k, depth + 1) + _count_numbers(v, depth + 1)
                   for k, v in value.items()) + 1  # fmt: skip
    if isinstance(value, (tuple, list)):
        return sum(_count_numbers(v, depth + 1) for v in value) + 1
    return 1


def output_budget(expected: Any) -> int:
    """The bytes one output may take: BUDGET_FACTOR times the reference's at 8 bytes a
    number, plus BUDGET_FLOOR."""
    return BUDGET_FLOOR + BUDGET_FACTOR * 8 * _count_numbers(expected)


def reference_of(case: Case, references: dict[str, Any]) -> Any:
    """The reference function a case calls: its own `function`, or the kata's first
    (`references` is in info.toml's order, as load_references gives it)."""
    return references[case.function] if case.function else next(iter(references.values()))


def mistakes_of(case: Case, mistakes: list[Mistake], first: str) -> list[Mistake]:
    """The catalogued mistakes of the function a case calls (`first`: the kata's first)."""
    called = case.function or first
    return [m for m in mistakes if (m.variant_of or first) == called]


def formulations_of(case: Case, alternatives: list[Formulation], first: str) -> list[Any]:
    """The other correct formulations of the function a case calls."""
    called = case.function or first
    return [a.function for a in alternatives if (a.of or first) == called]


def call_case(function: Any, case: Case, args: Any, kwargs: dict[str, Any]) -> Any:
    """`function` on a case's inputs: one call, or the case's driver loop around it."""
    if case.driver is not None:
        return case.driver(function, *args, **kwargs)
    return function(*args, **kwargs)


def driver_source(case: Case) -> tuple[str, str] | None:
    """(name, source) of a case's driver, for the child to define and run."""
    if case.driver is None:
        return None
    return case.driver.__name__, textwrap.dedent(inspect.getsource(case.driver))


def expected_outputs(cases: list[Case], references: dict[str, Any]) -> dict[str, Any]:
    """The reference's output for every call (float64 inputs, the call's own seeds); a
    call where the reference raises is left out (its budget is the runner's default)."""
    expected = {}
    for i, case in enumerate(cases):
        reference = reference_of(case, references)
        for r in range(case.repeat):
            args = [_upcast(_decode(a, r)) for a in case.args]
            kwargs = {k: _upcast(_decode(v, r)) for k, v in case.kwargs.items()}
            with np.errstate(all="ignore"):
                try:
                    expected[f"{i}.{r}"] = call_case(reference, case, args, kwargs)
                except Exception:  # pragma: no cover - a reference that cannot take a case
                    continue
    return expected


def build_calls(cases: list[Case], expected: dict[str, Any] | None = None) -> list[Call]:
    """Every case once, or `repeat` times; all go to ONE child process. With `expected`
    (see expected_outputs) each call's output is bounded by output_budget."""
    calls = []
    for i, case in enumerate(cases):
        for r in range(case.repeat):
            call_id = f"{i}.{r}"
            budget = output_budget(expected[call_id]) if expected and call_id in expected else None
            calls.append(
                Call(
                    call_id,
                    tuple(_encode(a, r) for a in case.args),
                    {k: _encode(v, r) for k, v in case.kwargs.items()},
                    budget,
                    case.function,
                    driver_source(case),
                    trace_memory=case.peak_memory is not None,
                )
            )
    return calls


def _upcast(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float64)
    if type(value) in (list, tuple):  # a list of arrays (gradients, some None)
        items = [_upcast(v) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def _describe_inputs(case: Case, names: list[str]) -> str:
    def one(name: str, value: Any) -> str:
        if isinstance(value, np.ndarray):
            return f"{name} {value.shape} {value.dtype}"
        if isinstance(value, Rng):
            return f"{name}=default_rng({value.seed})"
        if isinstance(value, list) and any(isinstance(v, np.ndarray) for v in value):
            items = [f"{v.shape} {v.dtype}" if isinstance(v, np.ndarray) else repr(v)
                     for v in value]  # fmt: skip
            return f"{name} [{', '.join(items)}]"
        text = repr(value)
        return f"{name}={text if len(text) < 40 else text[:37] + '...'}"

    parts = [one(names[i] if i < len(names) else f"arg{i}", v) for i, v in enumerate(case.args)]
    parts += [one(k, v) for k, v in case.kwargs.items()]
    return ", ".join(parts)


# -- judging one case ---------------------------------------------------------------------


def _as_value(output: Output) -> Any:
    return output.arrays if output.kind == "tuple" else output.arrays[0]


def _bad_output(output: Output) -> str | None:
    if output.kind == "none":
        return "returned None: is a `return` missing?"
    if output.kind == "unconvertible":
        return "returned something that is not an array of numbers"
    if output.kind == "not_plain":
        return (
            "returned something that is not a plain Python value (str, int, float, "
            "tuple, list, dict)"
        )
    if output.kind == "too_large":
        return (
            f"returned {output.detail}: far more than this case's answer holds, so the "
            "grader did not read it (is a shape or a broadcast wrong?)"
        )
    if output.kind == "unreadable":
        return f"the grader could not read your result: {output.detail}"
    return None


def _compare(expected: Any, got: Any, rtol: float, atol: float, exact: bool) -> Any:
    if expected is None or got is None:  # inside a list: a frozen parameter's gradient
        if expected is None and got is None:
            return Comparison(True, "ok")
        return Comparison(False, "expected None, got an array" if expected is None
                          else "expected an array, got None")  # fmt: skip
    if is_sequence(expected, got):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            what = "tuple" if isinstance(expected, tuple) else "list"
            got_text = f"{len(got)} items" if isinstance(got, (tuple, list)) else "an array"
            return Comparison(False, f"expected a {what} of {len(expected)} items, got {got_text}")
        for i, (e, g) in enumerate(zip(expected, got, strict=False)):
            result = _compare(e, g, rtol, atol, exact)
            if not result.passed:
                return Comparison(False, f"item {i}: {result.message}", result.details)
        return result
    return compare_array(np.asarray(expected), np.asarray(got), rtol, atol, exact)


def _mistake_output(mistake: Mistake, case: Case) -> Any:
    with np.errstate(all="ignore"):
        try:
            return call_case(mistake.function, case, case.args, case.kwargs)
        except Exception:  # a variant that cannot handle this case matches nothing
            return None


def _diagnose(
    case: Case,
    got: Any,
    mistakes: list[Mistake],
    rtol: float,
    atol: float,
    plain: bool = False,
) -> tuple[str, ...]:
    """Every mistake whose output equals `got` on this case (several can coincide)."""
    found = []
    for mistake in mistakes:
        variant = _mistake_output(mistake, case)
        if variant is None:
            continue
        if (
            values_equal(variant, got)
            if plain
            else outputs_match(variant, got, rtol, atol, case.exact)
        ):
            found.append(mistake.message)
    return tuple(dict.fromkeys(found))


def _agrees_with_another(case: Case, got: Any, alternatives: list[Any], rtol: float,
                         atol: float) -> bool:  # fmt: skip
    """Whether `got` agrees with another correct formulation (computed as the reference
    is, in float64), where the reference's own order of operations is not the only one."""
    for function in alternatives:
        with np.errstate(all="ignore"):
            try:
                other = call_case(function, case, list(map(_upcast, case.args)),
                                  {k: _upcast(v) for k, v in case.kwargs.items()})  # fmt: skip
            except Exception:  # pragma: no cover - a formulation that cannot take a case
                continue
        if _compare(other, got, rtol, atol, case.exact).passed:
            return True
    return False


def grade_case(
    case: Case, outputs: list[Output], reference: Any, mistakes: list[Mistake], names: list[str],
    expected: Any = None, alternatives: list[Any] | None = None,
) -> CaseResult:  # fmt: skip
    inputs = _describe_inputs(case, names)
    for output in outputs:
        problem = _bad_output(output)
        if problem:
            return CaseResult(case.name, False, problem, inputs)
    if case.check is not None:
        verdict: Verdict = case.check([_as_value(o) for o in outputs])
        return CaseResult(case.name, verdict.passed, verdict.message, inputs, (),
                          verdict.diagnosis)  # fmt: skip
    values = [*case.args, *case.kwargs.values()]
    rtol, atol = default_tolerance(values)
    rtol, atol = case.rtol or rtol, case.atol or atol
    if expected is None:
        with np.errstate(all="ignore"):
            expected = call_case(reference, case, list(map(_upcast, case.args)),
                                 {k: _upcast(v) for k, v in case.kwargs.items()})  # fmt: skip
    got = _as_value(outputs[0])
    plain = outputs[0].kind == "python"
    if plain:
        comparison = compare_value(expected, got)
    else:
        comparison = _compare(expected, got, rtol, atol, case.exact)
    if comparison.passed or (
        not plain and _agrees_with_another(case, got, alternatives or [], rtol, atol)
    ):
        return CaseResult(case.name, True, "ok", inputs)
    matches = _diagnose(case, got, mistakes, rtol, atol, plain)
    return CaseResult(case.name, False, comparison.message, inputs, comparison.details,
                      matches[0] if matches else None, matches)  # fmt: skip


def overall_diagnosis(results: list[CaseResult]) -> str | None:
    """The diagnosis most failing cases share, with how many when not all of them.

    A case can match several mistakes (on some inputs two mistakes give the same
    output); each counts for all of them, and a tie goes to the one met first.
    """
    failed = [r for r in results if not r.passed]
    counts: Counter[str] = Counter()
    for r in failed:
        counts.update(r.matches or ((r.diagnosis,) if r.diagnosis else ()))
    if not counts:
        return None
    message, n = counts.most_common(1)[0]
    return message if n == len(failed) else f"{message} (in {n} of {len(failed)} failing cases)"


# -- the whole check ----------------------------------------------------------------------


def grade(
    kata: Kata,
    user_file: Path,
    track: str = "numpy",
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> GradeReport:
    """Grade `user_file` against `kata`; every outcome is a report, never an exception."""
    start = time.monotonic()
    spec = load_spec(kata)
    references = load_references(kata)
    cases: list[Case] = spec.cases()
    expected = expected_outputs(cases, references)
    run = run_user_code(
        user_file, kata.function, build_calls(cases, expected),
        track=track, timeout_s=timeout_s, memory_mb=memory_mb,
        python_values=spec.python_values,
    )  # fmt: skip
    if run.status is not RunStatus.OK:
        run = _name_case(run, cases)
    if run.status is not RunStatus.OK and not run.call_errors:
        return GradeReport(kata.name, track, user_file, GradeStatus.ERROR, run=run,
                           duration_s=time.monotonic() - start)  # fmt: skip
    results = []
    for i, case in enumerate(cases):
        reference = reference_of(case, references)
        names = list(inspect.signature(reference).parameters)
        call_ids = [f"{i}.{r}" for r in range(case.repeat)]
        raised = [run.call_errors[c] for c in call_ids if c in run.call_errors]
        if raised:
            results.append(CaseResult(case.name, False, raised[0],
                                      _describe_inputs(case, names)))  # fmt: skip
            continue
        outputs = [run.outputs[c] for c in call_ids]
        mistakes = mistakes_of(case, spec.mistakes, kata.function)
        others = formulations_of(case, spec.alternatives, kata.function)
        result = grade_case(case, outputs, reference, mistakes, names,
                            expected.get(call_ids[0]), others)  # fmt: skip
        results.append(within_peak(result, case, [run.peaks[c] for c in call_ids
                                                   if c in run.peaks]))  # fmt: skip
    if run.call_errors:  # some case raised: the code could not run on every input
        status = GradeStatus.ERROR
    elif all(r.passed for r in results):
        status = GradeStatus.PASSED
    else:
        status = GradeStatus.FAILED
    return GradeReport(
        kata.name, track, user_file, status, results, overall_diagnosis(results), run,
        time.monotonic() - start,
    )  # fmt: skip


def within_peak(result: CaseResult, case: Case, peaks: list[int]) -> CaseResult:
    """A right answer fails when its call held more memory at once than the case allows
    (peaks: what tracemalloc measured for each call; none on the torch track)."""
    from dataclasses import replace

    limit = case.peak_memory
    if not result.passed or limit is None or not peaks or max(peaks) <= limit:
        return result
    mib = 2**20
    return replace(result, passed=False, message=(
        f"right values, but the call held {max(peaks) / mib:.1f} MiB of arrays at once, "
        f"over this case's limit of {limit / mib:.1f} MiB (measured with tracemalloc): is "
        "a large intermediate built whole where the statement asks for blocks?"))  # fmt: skip


def _name_case(run: RunResult, cases: list[Case]) -> RunResult:
    """Turn the call id of a failure ("3.0") into the case's name."""
    from dataclasses import replace

    if run.case is None:
        return run
    index = int(run.case.split(".")[0])
    name = cases[index].name if 0 <= index < len(cases) else run.case
    return replace(run, case=name)
