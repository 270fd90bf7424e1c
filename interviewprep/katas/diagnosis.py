"""Name a catalogued mistake only when it is the person's mistake.

A mistake is a variant of the reference (spec.Mistake). It explains the person's code
when, on every case of the function it is a variant of that both could answer, it gives
what they gave: their output where they failed, a passing output where they passed. A
variant that coincides with their output on one case and disagrees elsewhere is some
other mistake, and naming it would send them the wrong way: then no known mistake fits,
and the report shows the smallest failing case instead (see reproduce.py).

A check case (judged by a function, sampling's statistics) gives its own diagnosis in
its Verdict; it is named when every failing case of that function gives the same one
and no case rules it out (Verdict.rules_out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, Mistake, Rng, Verdict

NO_FIT_BARE = "no known mistake fits your output on every failing case"
NO_FIT = f"{NO_FIT_BARE}: the smallest failing case is below, ready to paste into Python"


@dataclass(frozen=True)
class Outcome:
    """One case as graded, for the diagnosis: what came back and how it was judged."""

    case: Case
    function: str  # the kata function the case calls
    failed: bool  # the values were wrong (a broken contract alone is not a value mistake)
    has_value: bool  # False when nothing comparable came back (raised, returned None)
    got: Any = None
    verdict: Verdict | None = None  # for a check case
    # Whether another output passes this case, and whether it equals the person's.
    accepts: Callable[[Any], bool] | None = None
    same_as_got: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Explanation:
    """What explains the failing cases of one kata function: a message, or None when no
    known mistake fits (`fitted`: the catalogue entries that fit, in order)."""

    function: str
    message: str | None
    fitted: tuple[Mistake, ...] = ()


def _random(case: Case) -> bool:
    values = [*case.args, *case.kwargs.values()]
    return case.repeat > 1 or any(isinstance(v, Rng) for v in values)


def variant_output(mistake: Mistake, case: Case) -> Any:
    """The variant on the case's inputs, in their own dtype (an overflow of float32 code
    is reproduced); None where it raises or declines (returns None): it says nothing."""
    from interviewprep.katas.grader import call_case

    with np.errstate(all="ignore"):
        try:
            return call_case(mistake.function, case, case.args, case.kwargs)
        except Exception:
            return None


def fits(mistake: Mistake, outcomes: list[Outcome]) -> bool:
    """Whether the variant gives the person's output on every failing case and a passing
    one on every passing case, among the cases both answered; and explains one at least."""
    explained = False
    for outcome in outcomes:
        if not outcome.has_value or _random(outcome.case):
            continue
        assert outcome.accepts is not None and outcome.same_as_got is not None
        variant = variant_output(mistake, outcome.case)
        if variant is None:
            continue
        if outcome.failed:
            if not outcome.same_as_got(variant):
                return False
            explained = True
        elif not outcome.accepts(variant):
            return False
    return explained


def _verdict_message(outcomes: list[Outcome]) -> str | None:
    """What the failing check cases diagnose, when each of them diagnoses something and
    no case rules it out (one mistake can show two ways: a sampler that follows a rule
    draws neither independently nor by the seed). Several, one a line."""
    failed = [o for o in outcomes if o.failed]
    messages = [o.verdict.diagnosis if o.verdict else None for o in failed]
    if not messages or None in messages:
        return None
    named = [m for m in dict.fromkeys(messages) if m is not None]
    if any(o.verdict and set(named) & set(o.verdict.rules_out) for o in outcomes):
        return None
    return "\n".join(named)


def explain(outcomes: list[Outcome], mistakes: list[Mistake], first: str) -> list[Explanation]:
    """One explanation per kata function with a failing case, in the order met."""
    explanations = []
    functions = dict.fromkeys(o.function for o in outcomes if o.failed and o.has_value)
    for function in functions:
        mine = [o for o in outcomes if o.function == function]
        candidates = [m for m in mistakes if (m.variant_of or first) == function]
        fitted = tuple(m for m in candidates if fits(m, mine))
        message = fitted[0].message if fitted else _verdict_message(mine)
        explanations.append(Explanation(function, message, fitted))
    return explanations
