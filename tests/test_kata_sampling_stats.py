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


def test_rng_marker_is_a_plain_seed() -> None:
    assert Rng(3).seed == 3
