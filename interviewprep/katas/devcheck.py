"""A kata author's check (like rustlings' `dev check`): everything a kata promises, proved.

For every kata and both tracks: the starter fails as not implemented, both references
pass, the torch oracle agrees with the reference on every case, every catalogued mistake
is named for a wrong-solution fixture that makes it, every fixture is caught (with the
diagnosis its first line expects), the torch track has fixtures of its own, and every
statement example prints what it says.

Fixtures are files `<fixtures>/<kata>/wrong_*.py` (numpy track) and
`<fixtures>/<kata>/torch/wrong_*.py`, each starting with `# expect: <fragment>`: a piece
of the diagnosis it must get, `-` for any failure, or `error` (optionally
`error; <fragment>`) when the mistake makes the code raise on some case.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from interviewprep.katas.catalog import TRACKS, Kata, load_references, load_spec
from interviewprep.katas.examples import run_examples
from interviewprep.katas.grader import GradeReport, GradeStatus, call_case, grade, reference_of
from interviewprep.katas.runner import RunStatus


@dataclass(frozen=True)
class Finding:
    kata: str
    check: str  # starter, reference, oracle, mistakes, fixtures, examples
    track: str | None
    passed: bool
    message: str


def default_fixtures(exercises: Path) -> Path | None:
    """The fixtures of a source checkout: tests/kata_fixtures beside exercises/."""
    folder = exercises.parent / "tests" / "kata_fixtures"
    return folder if folder.is_dir() else None


def expectation(path: Path) -> str | None:
    """The `# expect: ...` of a fixture's first line, or None when it has none."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# expect:"):
        return None
    return lines[0].split(":", 1)[1].strip()


def fixtures_of(fixtures: Path | None, kata: Kata, track: str) -> list[Path]:
    if fixtures is None:
        return []
    folder = fixtures / kata.name / ("torch" if track == "torch" else "")
    return sorted(folder.glob("wrong_*.py"))


def caught(report: GradeReport, expect: str | None) -> str | None:
    """Why a wrong solution's report does not meet its expectation, or None."""
    if expect is None:
        return "its first line must be `# expect: <fragment of the diagnosis>`"
    if expect.startswith("error"):
        if report.status is not GradeStatus.ERROR:
            return f"expected it to raise on some case, got {report.status.value}"
        fragment = expect.partition(";")[2].strip()
        if fragment and fragment not in (report.diagnosis or ""):
            return f"diagnosis {report.diagnosis!r} lacks {fragment!r}"
        return None
    if report.status is not GradeStatus.FAILED:
        return f"not caught: {report.status.value} ({report.cases_passed} cases passed)"
    if expect != "-" and expect not in (report.diagnosis or ""):
        return f"diagnosis {report.diagnosis!r} lacks {expect!r}"
    return None


def _f64(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float64)
    if isinstance(value, list):  # a list of gradients, some None
        return [_f64(v) for v in value]
    return value


def _same(expected: Any, oracle: Any) -> bool:
    if expected is None or oracle is None:
        return expected is None and oracle is None
    if isinstance(expected, (tuple, list)):
        return (isinstance(oracle, type(expected)) and len(oracle) == len(expected)
                and all(_same(e, o) for e, o in zip(expected, oracle, strict=True)))  # fmt: skip
    e, o = np.asarray(expected), np.asarray(oracle)
    return bool(e.shape == o.shape and e.dtype.kind == o.dtype.kind
                and np.allclose(e, o, rtol=1e-7, atol=1e-9, equal_nan=True))  # fmt: skip


def oracle_disagreements(kata: Kata) -> list[str] | None:
    """The cases where torch's own op disagrees with the reference (None: no oracle)."""
    spec, references = load_spec(kata), load_references(kata)
    if spec.torch_oracle is None:
        return None
    wrong = []
    for case in spec.cases():  # one oracle for the first function, or one per function
        oracle_function = spec.oracle_of(case.function, kata.function)
        if oracle_function is None:
            continue
        args = [_f64(a) for a in case.args]
        kwargs = {k: _f64(v) for k, v in case.kwargs.items()}
        with np.errstate(all="ignore"):
            expected = call_case(reference_of(case, references), case, args, kwargs)
            oracle = call_case(oracle_function, case, args, kwargs)
        if not _same(expected, oracle):
            wrong.append(case.name)
    return wrong


def _starter(kata: Kata, track: str) -> Finding:
    report = grade(kata, kata.starter(track), track)
    ok = report.run is not None and report.run.status is RunStatus.NOT_IMPLEMENTED
    got = report.run.status.value if report.run else report.status.value
    return Finding(kata.name, "starter", track, ok,
                   "fails as not implemented" if ok else f"gives {got}")  # fmt: skip


def _reference(kata: Kata, track: str) -> Finding:
    report = grade(kata, kata.solution(track), track)
    ok = report.passed and report.diagnosis is None
    failing = [c.name for c in report.cases if not c.passed]
    message = "passes" if ok else f"{report.status.value}: {failing or report.diagnosis}"
    return Finding(kata.name, "reference", track, ok, message)


def _oracle(kata: Kata) -> Finding:
    wrong = oracle_disagreements(kata)
    if wrong is None:
        return Finding(kata.name, "oracle", "torch", True, "no torch oracle (none exists)")
    return Finding(kata.name, "oracle", "torch", not wrong,
                   "agrees on every case" if not wrong else f"disagrees on {wrong}")  # fmt: skip


def _fixtures(kata: Kata, track: str, fixtures: Path | None,
              reports: dict[Path, GradeReport]) -> Iterator[Finding]:  # fmt: skip
    found = fixtures_of(fixtures, kata, track)
    if not found:
        yield Finding(kata.name, "fixtures", track, False,
                      "no wrong-solution fixture for this track")  # fmt: skip
        return
    for path in found:
        report = grade(kata, path, track)
        reports[path] = report
        problem = caught(report, expectation(path))
        yield Finding(kata.name, "fixtures", track, problem is None,
                      f"{path.name}: {problem or 'caught'}")  # fmt: skip


def _mistakes(kata: Kata, reports: dict[Path, GradeReport]) -> Iterator[Finding]:
    named = [r.diagnosis or "" for r in reports.values()]
    for message in dict.fromkeys(m.message for m in load_spec(kata).mistakes):
        ok = any(message in diagnosis for diagnosis in named)
        yield Finding(kata.name, "mistakes", "numpy", ok,
                      f"named for a fixture: {message[:70]}" if ok
                      else f"no fixture makes it (or it is never named): {message}")  # fmt: skip


def _examples(kata: Kata) -> Finding:
    try:
        results = run_examples(kata)
    except Exception as exc:  # a statement that cannot be read or parsed
        return Finding(kata.name, "examples", None, False, f"{type(exc).__name__}: {exc}")
    wrong = [f"line {r.line}: {r.source} gives {r.got}" for r in results if not r.passed]
    return Finding(kata.name, "examples", None, not wrong,
                   f"{len(results)} run as written" if not wrong else "; ".join(wrong))  # fmt: skip


def check_kata(kata: Kata, fixtures: Path | None, *,
               on_finding: Callable[[Finding], None] | None = None) -> list[Finding]:  # fmt: skip
    """Every check of one kata, on both tracks where torch is installed."""
    torch = importlib.util.find_spec("torch") is not None
    tracks = TRACKS if torch else ("numpy",)
    reports: dict[Path, GradeReport] = {}

    def steps() -> Iterator[Finding]:
        for track in tracks:
            yield _starter(kata, track)
            yield _reference(kata, track)
        if torch:
            yield _oracle(kata)
        for track in tracks:
            yield from _fixtures(kata, track, fixtures, reports)
        yield from _mistakes(kata, {p: r for p, r in reports.items() if p.parent.name != "torch"})
        yield _examples(kata)

    findings = []
    for finding in steps():
        findings.append(finding)
        if on_finding is not None:
            on_finding(finding)
    return findings
