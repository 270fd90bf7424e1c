"""The speculative-verify kata's statistics: its laws are right, other correct verifiers
pass for many seeds, and every catalogued mistake is told apart from the truth."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interviewprep.katas.catalog import find_kata, load_module
from interviewprep.katas.spec import Rng

CASES = load_module(find_kata("speculative-verify").cases_file, "speculative_cases_stats")


def gumbel_verifier(draft_tokens: Any, q_probs: Any, p_probs: Any, rng: Any) -> list[int]:
    """A correct verifier that spends its randomness differently from the reference:
    Gumbel-max draws, and acceptance as u * q < p."""
    def draw(weights: Any) -> int:
        with np.errstate(divide="ignore"):
            return int(np.argmax(np.log(weights) + rng.gumbel(size=weights.shape)))

    out = []
    for i, x in enumerate(int(t) for t in draft_tokens):
        if rng.random() * q_probs[i, x] < p_probs[i, x]:
            out.append(x)
            continue
        out.append(draw(np.maximum(p_probs[i] - q_probs[i], 0.0)))  # no need to normalise
        return out
    out.append(draw(p_probs[len(draft_tokens)]))
    return out


def run(case: Any, function: Any, seed_shift: int) -> list[Any]:
    outputs = []
    for r in range(case.repeat):
        args = [np.random.default_rng(a.seed_of(r) + seed_shift) if isinstance(a, Rng) else a
                for a in case.args]  # fmt: skip
        outputs.append(case.driver(function, *args))
    return outputs


def test_a_differently_built_correct_verifier_passes_for_many_seeds() -> None:
    for shift in range(0, 1000, 100):
        for case in CASES.cases():
            verdict = case.check(run(case, gumbel_verifier, shift))
            assert verdict.passed, (shift, case.name, verdict.message)


def test_the_first_token_follows_p0_for_random_models() -> None:
    rng = np.random.default_rng(0)
    for _ in range(5):
        q, p = rng.dirichlet(np.ones(4), size=2), rng.dirichlet(np.ones(4), size=3)
        first, accepted = CASES.marginal_laws(CASES.CORRECT, q, p)
        np.testing.assert_allclose(first, p[0], atol=1e-12)  # the theorem
        beta = np.minimum(p[:2], q).sum(axis=1)
        np.testing.assert_allclose(accepted[-1], beta.prod(), atol=1e-12)


@pytest.mark.parametrize("rule", [CASES.CORRECT, *CASES.RULES], ids=lambda r: str(r.message)[:30])
def test_every_law_is_a_distribution(rule: Any) -> None:
    for draft, q, p in [(CASES.DRAFT_A, CASES.Q_A, CASES.P_A), (CASES.DRAFT_B, CASES.Q_B,
                                                                CASES.P_B)]:  # fmt: skip
        law = CASES.joint_law(rule, draft, q, p)
        assert np.all(law >= 0)
        assert law.sum() == pytest.approx(1.0)


def test_every_catalogued_mistake_differs_from_the_truth_on_a_fixed_case() -> None:
    for rule in CASES.RULES:
        assert any(
            not np.allclose(CASES.joint_law(rule, d, q, p), CASES.joint_law(CASES.CORRECT, d, q, p))
            for d, q, p in [(CASES.DRAFT_A, CASES.Q_A, CASES.P_A),
                            (CASES.DRAFT_B, CASES.Q_B, CASES.P_B)]
        ), rule.message  # fmt: skip


def test_the_false_alarm_budget_holds() -> None:
    CASES.cases()  # asserts the deterministic and seed bounds below 1e-12 each
    assert CASES.TESTS * CASES.ALPHA + 5e-12 < 1e-6
    assert CASES.seeds_false_alarm() < CASES.SEED_FALSE_ALARM


def test_exact_tests_of_correct_counts_are_far_from_the_threshold() -> None:
    law = CASES.joint_law(CASES.CORRECT, CASES.DRAFT_A, CASES.Q_A, CASES.P_A)
    rng = np.random.default_rng(5)
    for _ in range(200):
        counts = rng.multinomial(CASES.CALLS, law.ravel())
        # at 1e-4 each, far above ALPHA: correct counts are nowhere near a rejection
        assert CASES.cells_fit(counts, law, alpha=1e-4)[0]
