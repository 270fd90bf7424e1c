"""The sampling kata's statistics: other correct samplers pass, for many seeds."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.catalog import find_kata, load_module
from interviewprep.katas.spec import Rng

CASES = load_module(find_kata("sampling").cases_file, "sampling_cases_stats")


def inverse_cdf_sampler(logits: Any, rng: Any, temperature: float = 1.0,
                        top_k: Any = None, top_p: Any = None) -> Any:  # fmt: skip
    """A correct sampler that uses its randomness differently from the reference."""
    if temperature == 0:
        return logits.argmax(-1)
    distinct, which = np.unique(logits, axis=0, return_inverse=True)
    table = np.array([CASES.probabilities(r, temperature, top_k, top_p) for r in distinct])
    cdf = table[which.ravel()].cumsum(-1)  # (batch, vocab)
    u = rng.random((logits.shape[0], 1))
    return np.minimum((cdf < u).sum(-1), logits.shape[1] - 1)


def test_a_differently_built_correct_sampler_passes_for_many_seeds() -> None:
    cases = [c for c in CASES.cases() if c.repeat == 1]
    for seed in range(25):
        for case in cases:
            out = inverse_cdf_sampler(case.args[0], np.random.default_rng(seed), **case.kwargs)
            verdict = case.check([out])
            assert verdict.passed, (seed, case.name, verdict.message)


def test_p_values_of_correct_draws_are_far_from_the_threshold() -> None:
    probs = CASES.probabilities(CASES.BASE, 1.0, None, None)
    p_values = []
    rng = np.random.default_rng(5)
    for _ in range(200):
        drawn = rng.choice(probs.size, size=CASES.DRAWS, p=probs)
        p_values.append(CASES._p_value(drawn, probs))
    # Uniform under the null: the smallest of 200 is near 1/200, nowhere near 1e-8.
    assert min(p_values) > 1e-5
    assert 0.3 < float(np.mean(p_values)) < 0.7


def test_repeats_get_their_own_seeds_only_when_a_step_is_given() -> None:
    assert [Rng(3).seed_of(r) for r in range(3)] == [3, 3, 3]  # the same draws each time
    assert [Rng(3, step=10).seed_of(r) for r in range(3)] == [3, 13, 23]


def _distribution_rows() -> list[tuple[str, Any]]:
    """Every (case name, exact probabilities of one row) the distribution cases grade."""
    rows = []
    for case in CASES.cases():
        if case.repeat != 1 or case.kwargs.get("temperature") == 0.0:
            continue
        logits = case.args[0][: len(case.args[0]) // CASES.DRAWS]
        t = case.kwargs["temperature"]
        k, p = case.kwargs.get("top_k"), case.kwargs.get("top_p")
        rows += [(case.name, CASES.probabilities(r, t, k, p)) for r in logits]
    return rows


def test_the_runs_test_false_alarm_rate_is_exactly_bounded() -> None:
    from interviewprep.katas.numerics import binomial_pmf, binomial_two_sided

    rows = _distribution_rows()
    pairs = CASES.DRAWS // 2
    for name, probs in rows:
        q = float(np.sum(probs**2))
        # The probability that independent draws are rejected: the null's mass where
        # the exact two-sided p-value falls below ALPHA.
        rejected = sum(binomial_pmf(k, pairs, q) for k in range(pairs + 1)
                       if binomial_two_sided(k, pairs, q) < CASES.ALPHA)  # fmt: skip
        assert rejected <= CASES.ALPHA, (name, rejected)
    # Fit and runs test per row, Bonferroni over the kata: the rate the statement gives.
    assert 2 * len(rows) * CASES.ALPHA < 1e-6


def test_the_seed_check_false_alarm_rate_is_computed_not_guessed() -> None:
    (case,) = [c for c in CASES.cases() if c.name == "different seeds give different tokens"]
    assert CASES.seeds_false_alarm(case.args[0], 1.0) < CASES.SEED_FALSE_ALARM
    rows = case.args[0]
    a = inverse_cdf_sampler(rows, np.random.default_rng(11))
    b = inverse_cdf_sampler(rows, np.random.default_rng(12))
    assert case.check([a, b]).passed
    verdict = case.check([a, a])
    assert not verdict.passed and verdict.diagnosis == CASES.IGNORES_SEED


def test_draws_that_fit_but_are_not_independent_fail_the_runs_test() -> None:
    case = CASES.cases()[0]  # two rows, temperature 1

    def sorted_sampler(logits: Any, rng: Any, **kwargs: Any) -> Any:
        ids = inverse_cdf_sampler(logits, rng, **kwargs)
        n_rows = 2
        for r in range(n_rows):  # the right frequencies per row, in sorted order
            ids[r::n_rows] = np.sort(ids[r::n_rows])
        return ids

    out = sorted_sampler(case.args[0], np.random.default_rng(0), **case.kwargs)
    verdict = case.check([out])
    assert not verdict.passed
    assert verdict.diagnosis == CASES.NOT_INDEPENDENT
    assert "pairs of neighbouring draws" in verdict.message
