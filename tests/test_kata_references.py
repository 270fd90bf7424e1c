"""Every reference passes; torch-op solutions pass; both oracles agree on every case."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interviewprep.katas.catalog import load_references, load_spec
from interviewprep.katas.compare import outputs_match
from interviewprep.katas.grader import (
    GradeStatus,
    call_case,
    grade,
    mistakes_of,
    reference_of,
)
from tests.kata_helpers import HAS_TORCH, KATA_NAMES, KATAS

needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")


def _f64(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float64)
    if isinstance(value, list):  # a list of gradients, some None
        return [_f64(v) for v in value]
    return value


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_numpy_reference_passes(kata) -> None:  # type: ignore[no-untyped-def]
    report = grade(kata, kata.solution("numpy"), "numpy")
    assert report.status is GradeStatus.PASSED, report.to_json()
    assert report.diagnosis is None


@needs_torch
@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_torch_ops_solution_passes_on_the_torch_track(kata) -> None:  # type: ignore[no-untyped-def]
    report = grade(kata, kata.solution("torch"), "torch")
    assert report.status is GradeStatus.PASSED, report.to_json()


@needs_torch
@pytest.mark.parametrize("kata", [k for k in KATAS if load_spec(k).torch_oracle], ids=str)
def test_reference_agrees_with_torch_on_every_case(kata) -> None:  # type: ignore[no-untyped-def]
    spec, references = load_spec(kata), load_references(kata)
    # One oracle for the kata's first function, or one for each function that has one.
    for case in spec.cases():
        oracle_function = spec.oracle_of(case.function, kata.function)
        if oracle_function is None:
            continue
        reference = reference_of(case, references)
        args = [_f64(a) for a in case.args]
        kwargs = {k: _f64(v) for k, v in case.kwargs.items()}
        expected = call_case(reference, case, args, kwargs)  # a driver's loop, too
        oracle = call_case(oracle_function, case, args, kwargs)
        _assert_same(expected, oracle, case.name)


def _assert_same(expected: Any, oracle: Any, name: str) -> None:
    if expected is None or oracle is None:  # a frozen parameter's gradient
        assert expected is None and oracle is None, name
        return
    if isinstance(expected, (tuple, list)):  # e.g. (output, k_cache, v_cache)
        assert isinstance(oracle, type(expected)) and len(oracle) == len(expected), name
        for i, (e, o) in enumerate(zip(expected, oracle, strict=True)):
            _assert_same(e, o, f"{name}, item {i}")
        return
    assert np.shape(expected) == np.shape(oracle), name
    assert np.asarray(expected).dtype.kind == np.asarray(oracle).dtype.kind, name
    np.testing.assert_allclose(expected, oracle, rtol=1e-7, atol=1e-9, err_msg=name)


def test_mistakes_differ_from_the_reference_somewhere() -> None:
    """A catalogue entry that equals the reference on every case could never diagnose."""
    for kata in KATAS:
        spec, references = load_spec(kata), load_references(kata)
        cases = [c for c in spec.cases() if c.check is None]
        for mistake in spec.mistakes:
            differs = False
            for case in cases:
                if mistake not in mistakes_of(case, [mistake], kata.function):
                    continue  # a variant of another of the kata's functions
                reference = reference_of(case, references)
                with np.errstate(all="ignore"):
                    try:
                        got = mistake.function(*case.args, **case.kwargs)
                    except Exception:
                        continue
                    want = reference(
                        *map(_f64, case.args), **{k: _f64(v) for k, v in case.kwargs.items()}
                    )
                if not outputs_match(want, got, 1e-6, 1e-9, case.exact):
                    differs = True
                    break
            assert differs, (kata.name, mistake.message)


@needs_torch
def test_sampling_distribution_agrees_with_hugging_face_warpers() -> None:
    kata = next(k for k in KATAS if k.name == "sampling")
    from interviewprep.katas.catalog import load_module

    cases = load_module(kata.cases_file, "sampling_cases_for_test")
    rows = [cases.BASE, cases.OTHER, cases.BASE + 1000.0]
    settings = [
        (1.0, None, None),
        (0.5, None, None),
        (2.0, None, 0.7),
        (1.3, 3, 0.65),
        (1.0, 3, None),
        (1.0, None, 0.7),
        (0.8, 4, 0.85),
    ]
    for row in rows:
        for t, k, p in settings:
            assert cases.off_boundary(row, t, k, p), (t, k, p)
            np.testing.assert_allclose(
                cases.probabilities(row, t, k, p),
                cases.torch_probabilities(row, t, k, p),
                rtol=1e-9,
                atol=1e-12,
            )


def test_top_p_cases_stay_off_the_nucleus_boundary() -> None:
    kata = next(k for k in KATAS if k.name == "top-p")
    from interviewprep.katas.catalog import load_module

    cases = load_module(kata.cases_file, "top_p_cases_for_test")
    for case in cases.cases():
        logits, p = case.args
        assert not cases.on_boundary(logits, p), case.name
    # and the guard does catch a boundary: probabilities 0.5, 0.3, 0.2 with p = 0.8
    assert cases.on_boundary(np.log(np.array([0.5, 0.3, 0.2])), 0.8)
