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
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np

from interviewprep.katas.authorship import is_reference_copy
from interviewprep.katas.catalog import Kata, load_references, load_spec
from interviewprep.katas.compare import (
    Comparison,
    compare_array,
    compare_value,
    default_tolerance,
    is_sequence,
    is_small,
    outputs_match,
    show,
    values_equal,
)
from interviewprep.katas.contract import contract_problems
from interviewprep.katas.diagnosis import NO_FIT, NO_FIT_BARE, Explanation, Outcome, explain
from interviewprep.katas.reproduce import input_size, snippet
from interviewprep.katas.runner import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    Call,
    Output,
    RunResult,
    RunStatus,
    run_user_code,
)
from interviewprep.katas.spec import Case, Formulation, KataSpec, Mistake, Rng, Verdict


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
    # Whether the values were right (a case can still fail on its contract: an argument
    # changed, a dtype, a type); None when no value came back (it raised, returned None).
    values_passed: bool | None = None
    contract: tuple[str, ...] = ()  # what of the statement's contract the call broke


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
    # The smallest failing case as code to paste into Python, when no mistake fits.
    reproduction: str | None = None
    # The catalogued mistakes that fit the output (see diagnosis.explain), for authors.
    fitted: tuple[str, ...] = ()
    # The file is a copy of a shipped reference (see authorship.py): graded, but the
    # pass is not the person's own.
    reference_copy: bool = False

    @property
    def passed(self) -> bool:
        return self.status is GradeStatus.PASSED

    @property
    def cases_passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def not_written(self) -> bool:
        """Nothing is written yet: the function still raises NotImplementedError, as the
        starter does (`kata watch` checks the blank file at once)."""
        return (self.run is not None and self.run.status is RunStatus.NOT_IMPLEMENTED
                and self.cases_passed == 0)  # fmt: skip

    @property
    def exit_code(self) -> int:
        return {GradeStatus.PASSED: 0, GradeStatus.FAILED: 1, GradeStatus.ERROR: 2}[self.status]

    def to_json(self) -> dict[str, Any]:
        """The `kata check --json` object: everything the text report says (see
        docs/kata-report-format.md). A run that could not start puts its reason in
        diagnosis; one where some cases raised keeps the diagnosis of those that ran."""
        diagnosis = self.diagnosis
        error = None
        if self.status is GradeStatus.ERROR and self.run is not None:
            error = run_json(self.run, self.file)
            if all(c.values_passed is None for c in self.cases):  # nothing came back
                diagnosis = "could not run: " + run_summary(self.run, self.file)
        return {
            "format": REPORT_FORMAT,
            "kata": self.kata,
            "track": self.track,
            "file": str(self.file),
            "status": self.status.value,
            "passed": self.passed,
            "exit_code": self.exit_code,
            "cases_passed": self.cases_passed,
            "cases_total": len(self.cases),
            "duration_s": round(self.duration_s, 3),
            "cases": [case_json(c) for c in self.cases],
            "diagnosis": diagnosis,
            "reproduction": self.reproduction,
            "error": error,
            "printed": self.run.printed if self.run is not None else "",
            "notes": list(self.notes),
        }

    @property
    def notes(self) -> tuple[str, ...]:
        """What the code did besides computing: forked, read the reference, wrote outside;
        and a shipped reference graded as it is, whose pass is not recorded."""
        events = self.run.events if self.run is not None else ()
        if self.reference_copy:
            events = (*events, REFERENCE_NOTE)
        return events


REPORT_FORMAT = 2  # of the --json object: docs/kata-report-format.md
REFERENCE_NOTE = ("this file is a copy of the shipped reference solution: it is graded, "
                  "but not recorded as your pass")  # fmt: skip


def case_json(case: CaseResult) -> dict[str, Any]:
    return {"name": case.name, "passed": case.passed, "message": case.message,
            "inputs": case.inputs, "details": list(case.details),
            "contract": list(case.contract), "values_passed": case.values_passed}  # fmt: skip


def run_json(run: RunResult, file: Path) -> dict[str, Any]:
    """Why the code could not run (on every case), as the text report's panel says it."""
    return {
        "status": run.status.value,
        "headline": run_headline(run),
        "summary": run_summary(run, file),
        "message": run.message,
        "case": run.case,
        "line": run.line,
        "source_line": run.source_line,
        "traceback": run.traceback,
        "raised_cases": len(run.call_errors),
    }


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


def parameter_names(case: Case, reference: Any) -> list[str]:
    """The names of a case's arguments, for reports: its driver's after the function it
    drives (a, b, param, steps...), else the reference's."""
    if case.driver is not None:
        return list(inspect.signature(case.driver).parameters)[1:]
    return list(inspect.signature(reference).parameters)


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


def _item_name(i: int, names: tuple[str, ...]) -> str:
    return f"item {i} ({names[i]})" if i < len(names) else f"item {i}"


def _compare(expected: Any, got: Any, rtol: float, atol: float, exact: bool,
             names: tuple[str, ...] = ()) -> Any:  # fmt: skip
    """The comparison of one output; a tuple's failure names the item and, for short
    items (a sequence of tokens and its score), shows every item expected and got."""
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
        result = Comparison(True, "ok")
        for i, (e, g) in enumerate(zip(expected, got, strict=False)):
            result = _compare(e, g, rtol, atol, exact)
            if not result.passed:
                return Comparison(False, f"{_item_name(i, names)}: {result.message}",
                                  (*_items_side_by_side(expected, got, names), *result.details))
        return result
    return compare_array(np.asarray(expected), np.asarray(got), rtol, atol, exact)


def _items_side_by_side(expected: Any, got: Any, names: tuple[str, ...]) -> tuple[str, ...]:
    """`tokens: expected [2, 3], got [1, 0, 1, 0]` for every short item of a tuple."""
    lines = []
    for i, (e, g) in enumerate(zip(expected, got, strict=False)):
        if e is None or g is None or not (is_small(e) and is_small(g)):
            return ()
        name = names[i] if i < len(names) else f"item {i}"
        lines.append(f"{name}: expected {show(e)}, got {show(g)}")
    return tuple(lines)


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


def case_tolerance(case: Case) -> tuple[float, float]:
    """(rtol, atol): the case's own, else that of its least precise floating input."""
    rtol, atol = default_tolerance([*case.args, *case.kwargs.values()])
    return case.rtol or rtol, case.atol or atol


def judge_case(
    case: Case, outputs: list[Output], reference: Any, names: list[str], function: str,
    expected: Any = None, alternatives: list[Any] | None = None,
    output_names: tuple[str, ...] = (),
) -> tuple[CaseResult, Outcome]:  # fmt: skip
    """The verdict on one case's values, and what the diagnosis needs of it."""
    inputs = _describe_inputs(case, names)
    for output in outputs:
        problem = _bad_output(output)
        if problem:
            return (CaseResult(case.name, False, problem, inputs),
                    Outcome(case, function, failed=True, has_value=False))  # fmt: skip
    rtol, atol = case_tolerance(case)
    got = _as_value(outputs[0])
    plain = outputs[0].kind == "python"

    def same_as_got(other: Any) -> bool:
        if plain:
            return values_equal(other, got)
        return outputs_match(other, got, rtol, atol, case.exact)

    if case.check is not None:
        return _judge_by_check(case, outputs, inputs, function, got, same_as_got)
    if expected is None:
        with np.errstate(all="ignore"):
            expected = call_case(reference, case, list(map(_upcast, case.args)),
                                 {k: _upcast(v) for k, v in case.kwargs.items()})  # fmt: skip
    others = alternatives or []

    def accepts(other: Any) -> bool:
        if plain:
            return compare_value(expected, other).passed
        return bool(_compare(expected, other, rtol, atol, case.exact).passed
                    or _agrees_with_another(case, other, others, rtol, atol))  # fmt: skip

    comparison = (compare_value(expected, got) if plain
                  else _compare(expected, got, rtol, atol, case.exact, output_names))  # fmt: skip
    passed = comparison.passed or (not plain and _agrees_with_another(case, got, others, rtol,
                                                                      atol))  # fmt: skip
    outcome = Outcome(case, function, not passed, True, got, None, accepts, same_as_got)
    if passed:
        return CaseResult(case.name, True, "ok", inputs, values_passed=True), outcome
    return (CaseResult(case.name, False, comparison.message, inputs, comparison.details,
                       values_passed=False), outcome)  # fmt: skip


def _judge_by_check(
    case: Case, outputs: list[Output], inputs: str, function: str, got: Any,
    same_as_got: Callable[[Any], bool],
) -> tuple[CaseResult, Outcome]:  # fmt: skip
    """A case judged by its own check over every repeat's output (a distribution)."""
    check = case.check
    assert check is not None
    verdict: Verdict = check([_as_value(o) for o in outputs])
    outcome = Outcome(case, function, not verdict.passed, True, got, verdict,
                      lambda other: check([other]).passed, same_as_got)  # fmt: skip
    return (CaseResult(case.name, verdict.passed, verdict.message, inputs,
                       values_passed=verdict.passed), outcome)  # fmt: skip


def grade_case(
    case: Case, outputs: list[Output], reference: Any, mistakes: list[Mistake], names: list[str],
    expected: Any = None, alternatives: list[Any] | None = None,
) -> CaseResult:  # fmt: skip
    """One case's verdict on its values alone (the diagnosis needs every case: grade)."""
    return judge_case(case, outputs, reference, names, case.function or "", expected,
                      alternatives)[0]  # fmt: skip


def with_contract(result: CaseResult, problems: list[str]) -> CaseResult:
    """A case fails on a broken contract too; a right value leads with the first problem."""
    if not problems:
        return result
    from dataclasses import replace

    if result.passed:
        return replace(result, passed=False, message=problems[0],
                       details=tuple(problems[1:]), contract=tuple(problems))  # fmt: skip
    return replace(result, details=(*result.details, *problems), contract=tuple(problems))


def contract_summary(results: list[CaseResult]) -> list[str]:
    """Each broken promise once, with how many cases broke it when not all did."""
    counts: Counter[str] = Counter(p for r in results for p in dict.fromkeys(r.contract))
    ran = sum(r.values_passed is not None for r in results)
    return [p if n == ran else f"{p} (in {n} of {ran} cases)" for p, n in counts.items()]


def overall_diagnosis(
    outcomes: list[Outcome], mistakes: list[Mistake], functions: tuple[str, ...],
) -> tuple[list[Explanation], list[str]]:  # fmt: skip
    """(the explanation of each function's failing cases, its lines for the report)."""
    explanations = explain(outcomes, mistakes, functions[0])
    lines = []
    for e in explanations:
        if e.message is not None:
            lines += e.message.splitlines()
        else:  # which function, where the kata has several
            lines.append(f"{e.function}: {NO_FIT}" if len(functions) > 1 else NO_FIT)
    return explanations, list(dict.fromkeys(lines))


def _reproduction(kata: Kata, cases: list[Case], outcomes: list[Outcome], unexplained: set[str],
                  expected: dict[str, Any], references: dict[str, Any], user_file: Path,
                  track: str) -> str | None:  # fmt: skip
    """The smallest failing value case of a function no mistake explains, as code."""
    candidates = [(input_size(o.case), i) for i, o in enumerate(outcomes)
                  if o.failed and o.has_value and o.case.check is None
                  and o.function in unexplained and f"{i}.0" in expected]  # fmt: skip
    if not candidates:
        return None
    _, i = min(candidates)
    case, outcome = cases[i], outcomes[i]
    names = parameter_names(case, reference_of(case, references))
    source = driver_source(case)
    return snippet(case, names, outcome.function, user_file, track, expected[f"{i}.0"],
                   outcome.got, driver_source=source[1] if source else None,
                   tolerance=None if case.exact else case_tolerance(case))  # fmt: skip


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
    spec: KataSpec = load_spec(kata)
    references = load_references(kata)
    cases: list[Case] = spec.cases()
    expected = expected_outputs(cases, references)
    copied = is_reference_copy(kata, user_file)
    run = run_user_code(
        user_file, kata.function, build_calls(cases, expected),
        track=track, timeout_s=timeout_s, memory_mb=memory_mb,
        python_values=spec.python_values,
    )  # fmt: skip
    if run.status is not RunStatus.OK:
        run = _name_case(run, cases)
    if run.status is not RunStatus.OK and not run.call_errors:
        return GradeReport(kata.name, track, user_file, GradeStatus.ERROR, run=run,
                           duration_s=time.monotonic() - start,
                           reference_copy=copied)  # fmt: skip
    results, outcomes = [], []
    for i, case in enumerate(cases):
        result, outcome = _grade_one(i, case, run, spec, kata, references, expected, track)
        results.append(result)
        outcomes.append(outcome)
    status = _status(run, results)
    explanations, lines = overall_diagnosis(outcomes, spec.mistakes, kata.functions)
    unexplained = {e.function for e in explanations if e.message is None}
    reproduction = _reproduction(kata, cases, outcomes, unexplained, expected, references,
                                 user_file, track) if unexplained else None  # fmt: skip
    if unexplained and reproduction is None:
        lines = [line.replace(NO_FIT, NO_FIT_BARE) for line in lines]
    lines += contract_summary(results)
    fitted = tuple(m.message for e in explanations for m in e.fitted)
    return GradeReport(
        kata.name, track, user_file, status, results, "\n".join(lines) or None, run,
        time.monotonic() - start, reproduction, fitted, copied,
    )  # fmt: skip


def _grade_one(
    i: int, case: Case, run: RunResult, spec: KataSpec, kata: Kata,
    references: Any, expected: dict[str, Any], track: str,
) -> tuple[CaseResult, Outcome]:  # fmt: skip
    """Case i's verdict from its calls' outputs: raised, wrong, against the contract, over
    its memory limit, or right."""
    reference = reference_of(case, references)
    names = parameter_names(case, reference)
    function = case.function or kata.function
    call_ids = [f"{i}.{r}" for r in range(case.repeat)]
    raised = [run.call_errors[c] for c in call_ids if c in run.call_errors]
    if raised:
        return (CaseResult(case.name, False, raised[0], _describe_inputs(case, names)),
                Outcome(case, function, failed=True, has_value=False))  # fmt: skip
    outputs = [run.outputs[c] for c in call_ids]
    others = formulations_of(case, spec.alternatives, kata.function)
    result, outcome = judge_case(case, outputs, reference, names, function,
                                 expected.get(call_ids[0]), others,
                                 spec.output_names)  # fmt: skip
    if result.values_passed is not None:
        changed = {n for c in call_ids for n in run.changed.get(c, ())}
        problems = contract_problems(spec, case, track, names, changed,
                                     run.types.get(call_ids[0]),
                                     expected.get(call_ids[0]))  # fmt: skip
        result = with_contract(result, problems)
    peaks = [run.peaks[c] for c in call_ids if c in run.peaks]
    return within_peak(result, case, peaks), outcome


def _status(run: RunResult, results: list[CaseResult]) -> GradeStatus:
    if run.call_errors:  # some case raised: the code could not run on every input
        return GradeStatus.ERROR
    return GradeStatus.PASSED if all(r.passed for r in results) else GradeStatus.FAILED


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
