"""Test specification of the speculative-verify kata: graded by distribution.

Each distribution case runs the person's function CALLS times in one driver loop (a
fresh draw from the case's `rng` each time) and looks at what comes back:

- structure, exactly: a list of ints that starts with the accepted drafts and ends with
  one more token; a token that is not the draft before the last position means the code
  went on after a rejection; an output equal to the whole draft has no bonus token;
  a token drawn after rejecting draft i where max(p_i - q_i, 0) is 0 is impossible.
  None of these can happen to a correct solution: no false alarm;
- deterministic acceptance: the decision at a (position, draft token) was always the
  same, on every pair, where a correct sampler accepts with probability a in (0, 1).
  A correct sampler does that with probability prod (a^n + (1 - a)^n) over the pairs
  it reached n times; each case asserts that this is below 1e-12;
- distribution: with fixed drafts, the joint law of (drafts accepted j, last token y) is
  exact: P(j, y) = a_0 ... a_(j-1) (1 - a_j) r_j(y) for j < gamma and
  a_0 ... a_(gamma-1) p_gamma(y) for j = gamma, with a_i = min(1, p_i[x_i] / q_i[x_i])
  and r_j the normalised residual. With drafts drawn from q (by the driver, from the
  same rng), the first emitted token is distributed as p_0 (the theorem of speculative
  decoding) and the number accepted as prod beta_i (1 - beta_j), beta_i = sum_x
  min(p_i, q_i). With q = p every draft is accepted and the bonus token follows p_gamma.

Every distribution test compares each cell's count with its probability by an exact
two-sided binomial test (numerics.binomial_two_sided, whose false-alarm rate is at most
its level) at ALPHA / K for the K cells of positive probability; by the union bound
each test has a false-alarm rate of at most ALPHA. There are TESTS = 7 such tests (two
per fixed-draft case, two for drafts from q, one for q = p), so a correct solution fails
the kata with probability at most 7 ALPHA + 3e-12 (deterministic checks) + 1e-12 (the
different-seeds check) < 1e-7, below the 1e-6 asked for. To keep the grader fast, a
cell within Z_SKIP standard deviations of its expectation is passed without the exact
sum: that can only miss a mistake, never raise a false alarm.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.numerics import binomial_two_sided
from interviewprep.katas.spec import Case, KataSpec, Rng, Verdict

ALPHA = 1e-8  # false-alarm rate of one distribution test
TESTS = 7
CALLS = 1500  # calls per distribution case (every catalogued mistake is named at 1000)
SAME_CALLS = 800  # calls of the q = p case
SEED_CALLS = 100  # calls per run of the seed checks
Z_SKIP = 4.0
DETERMINISTIC_FALSE_ALARM = 1e-12
SEED_FALSE_ALARM = 1e-12

# Case A: V = 6, gamma = 3. Draft 0 is accepted with a = 1/3, draft 1 always (p > q
# there: min(1, 1.25) = 1, while an inverted ratio q/p gives 0.8), draft 2 with 0.6.
Q_A = np.array([
    [0.30, 0.25, 0.20, 0.10, 0.10, 0.05],
    [0.10, 0.15, 0.20, 0.25, 0.20, 0.10],
    [0.20, 0.50, 0.05, 0.05, 0.10, 0.10],
])
P_A = np.array([
    [0.10, 0.15, 0.30, 0.25, 0.05, 0.15],
    [0.20, 0.10, 0.25, 0.15, 0.20, 0.10],
    [0.25, 0.30, 0.15, 0.10, 0.05, 0.15],
    [0.05, 0.10, 0.15, 0.20, 0.25, 0.25],  # p_gamma: the bonus token's distribution
])
DRAFT_A = np.array([0, 2, 1])

# Case B: V = 4, gamma = 2. Draft 0 always accepted (p/q = 2; inverted 0.5), draft 1
# with a = 0.375 (inverted: always).
Q_B = np.array([[0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4]])
P_B = np.array([[0.2, 0.6, 0.1, 0.1], [0.3, 0.35, 0.2, 0.15], [0.1, 0.2, 0.3, 0.4]])
DRAFT_B = np.array([1, 3])

DRAFT_SAME = np.array([3, 0, 5])  # for q = p


# -- the drivers: module-level, plain Python, run in the child on the track's arrays ------


def verify_many(function: Any, draft_tokens: Any, q_probs: Any, p_probs: Any, rng: Any,
                calls: int) -> Any:  # fmt: skip
    """The same drafts verified `calls` times, each with fresh randomness from rng."""
    return [function(draft_tokens, q_probs, p_probs, rng) for _ in range(calls)]


def draw_and_verify(function: Any, template: Any, q_cdf: Any, q_probs: Any, p_probs: Any,
                    rng: Any, calls: int) -> Any:  # fmt: skip
    """`calls` rounds of drafts drawn from q (inverse CDF, from rng), each verified:
    [(drafts, emitted), ...]."""
    import bisect

    rounds = []
    for _ in range(calls):
        draft = template * 0  # a new array, or tensor on the torch track
        for i, cdf in enumerate(q_cdf):
            draft[i] = bisect.bisect_right(cdf[:-1], rng.random())  # a draw from q_i
        drafted = [int(t) for t in draft]
        rounds.append((drafted, function(draft, q_probs, p_probs, rng)))
    return rounds


# -- the exact distributions, and those of the mistakes --------------------------------------


def _normalise(r: Any) -> Any:
    return r / r.sum()


def _residual(p: Any, q: Any) -> Any:
    return _normalise(np.maximum(p - q, 0.0))


def _unnormalised(p: Any, q: Any) -> Any:
    """max(p - q, 0) not normalised, drawn by an inverse CDF clamped to the last token:
    the missing mass lands on the last token."""
    r = np.maximum(p - q, 0.0)
    r[-1] += 1.0 - r.sum()
    return r


def _ratio(p: Any, q: Any, x: int) -> float:
    return min(1.0, p[x] / q[x])


class Rule:
    """How a (possibly mistaken) verifier accepts, resamples and adds the bonus.

    (A plain class: this file is loaded by path, where a dataclass cannot resolve its
    module.)
    """

    def __init__(self, message: str | None, accept: Callable[[Any, Any, int], float] = _ratio,
                 residual: Callable[[Any, Any], Any] = _residual, bonus_back: int = 0,
                 shared_uniform: bool = False) -> None:  # fmt: skip
        self.message = message
        self.accept = accept
        self.residual = residual
        self.bonus_back = bonus_back  # the bonus from p_(gamma - bonus_back)
        self.shared_uniform = shared_uniform  # one uniform for every draft


RESAMPLE_P = ("your tokens after a rejection follow p_i itself: draw from the residual "
              "normalise(max(p_i - q_i, 0)), the part of p the draft under-covers")
NOT_CLIPPED = ("your code draws tokens after a rejection where p_i <= q_i, which the residual "
               "max(p_i - q_i, 0) gives probability 0: clip p_i - q_i at 0 before normalising")
NOT_NORMALISED = ("your tokens after a rejection follow max(p_i - q_i, 0) without "
                  "normalising it (its missing mass lands on the last token): divide the "
                  "residual by its sum")
DETERMINISTIC = ("your acceptance is deterministic: the same draft at the same position is "
                 "always accepted or always rejected; accept with probability "
                 "min(1, p/q), e.g. rng.random() < p[x] / q[x]")
SAMPLING_ON = ("your code goes on after a rejection: the token drawn from the residual is "
               "the last one emitted (stop at the first rejection)")
NO_BONUS = ("your code emits no bonus token: when every draft is accepted, draw one more "
            "token from p_gamma (the last row of p_probs)")
IGNORES_SEED = ("your tokens do not depend on the seed: take all randomness from the `rng` "
                "argument (no fixed seed of your own, no np.random.seed)")
NOT_REPRODUCIBLE = ("not reproducible: take all randomness from the `rng` argument (not "
                    "np.random.* or torch's global generator)")

CORRECT = Rule(None)
RULES = [
    Rule("your acceptance matches the ratio inverted, min(1, q/p): accept with "
         "probability min(1, p_i[x] / q_i[x])", accept=lambda p, q, x: min(1.0, q[x] / p[x])),
    Rule("your acceptance matches probability p_i[x] alone: divide by the draft's "
         "q_i[x], min(1, p_i[x] / q_i[x])", accept=lambda p, q, x: p[x]),
    Rule("your acceptance matches one uniform shared by every draft: draw a fresh "
         "rng.random() for each draft", shared_uniform=True),
    Rule(RESAMPLE_P, residual=lambda p, q: p),
    Rule("your tokens after a rejection follow max(q_i - p_i, 0): the residual is "
         "max(p_i - q_i, 0), p minus q", residual=lambda p, q: _residual(q, p)),
    Rule(NOT_NORMALISED, residual=_unnormalised),
    Rule("your bonus token follows p_(gamma-1): the bonus is drawn from p_gamma, the last "
         "row of p_probs (it has gamma + 1 rows)", bonus_back=1),
]


def acceptance_law(rule: Rule, a: list[float]) -> Any:
    """P(j drafts accepted), j = 0..gamma, for acceptance probabilities a."""
    gamma = len(a)
    if rule.shared_uniform:  # j >= m iff u < min(a_0..a_(m-1))
        at_least = [1.0] + [min(a[:m]) for m in range(1, gamma + 1)]
    else:
        at_least = [math.prod(a[:m]) for m in range(gamma + 1)]
    return np.array([at_least[j] - (at_least[j + 1] if j < gamma else 0.0)
                     for j in range(gamma + 1)])  # fmt: skip


def joint_law(rule: Rule, draft: Any, q: Any, p: Any) -> Any:
    """(gamma + 1, V): P(j accepted, last token y) for fixed drafts."""
    gamma = len(draft)
    a = [rule.accept(p[i], q[i], int(draft[i])) for i in range(gamma)]
    law = acceptance_law(rule, a)
    rows = [law[j] * rule.residual(p[j], q[j]) for j in range(gamma)]
    rows.append(law[gamma] * p[gamma - rule.bonus_back])
    return np.array(rows)


def _draft_laws(q: Any) -> list[tuple[float, tuple[int, ...]]]:
    vocab = q.shape[1]
    combos: list[tuple[float, tuple[int, ...]]] = [(1.0, ())]
    for row in q:
        combos = [(w * row[x], (*c, x)) for w, c in combos for x in range(vocab) if row[x] > 0]
    return combos


def marginal_laws(rule: Rule, q: Any, p: Any) -> tuple[Any, Any]:
    """With drafts drawn from q: (law of the first emitted token, law of j accepted)."""
    gamma, vocab = q.shape
    first = np.zeros(vocab)
    accepted = np.zeros(gamma + 1)
    for weight, draft in _draft_laws(q):
        joint = joint_law(rule, draft, q, p)
        accepted += weight * joint.sum(axis=1)
        first += weight * joint[0]
        first[draft[0]] += weight * joint[1:].sum()  # j >= 1: the first token is the draft
    return first, accepted


# -- exact tests ------------------------------------------------------------------------------


def binomial_p(k: int, n: int, q: float) -> float:
    """The exact two-sided binomial p-value, or 1 where k lies within Z_SKIP standard
    deviations of n q (far from any rejection at our levels: it only saves time)."""
    sd = math.sqrt(n * q * (1 - q)) if 0 < q < 1 else 0.0
    if sd > 0 and abs(k - n * q) <= Z_SKIP * sd:
        return 1.0
    return binomial_two_sided(k, n, q)


def cells_fit(counts: Any, probs: Any, alpha: float = ALPHA) -> tuple[bool, str]:
    """Whether every cell's count fits its probability (exact binomial tests at alpha / K);
    (fits, what the worst cell says)."""
    counts = np.asarray(counts, dtype=np.int64).ravel()
    probs = np.asarray(probs, dtype=np.float64).ravel()
    n = int(counts.sum())
    if np.any((probs <= 0) & (counts > 0)):
        return False, "a cell of probability 0 was drawn"
    positive = probs > 0
    level = alpha / max(1, int(positive.sum()))
    for k, q in zip(counts[positive], probs[positive], strict=True):
        p_value = binomial_p(int(k), n, float(q))
        if p_value < level:
            return False, f"p = {p_value:.2g} < {level:.2g}"
    return True, "ok"


def _fmt(values: Any) -> str:
    return "[" + ", ".join(f"{v:.3f}" for v in np.asarray(values).ravel()) + "]"


# -- reading the outputs ---------------------------------------------------------------------


class Round:
    """One verification: the drafts and what was emitted."""

    def __init__(self, draft: tuple[int, ...], emitted: tuple[int, ...]) -> None:
        self.draft = draft
        self.emitted = emitted


def _problem(r: Round, vocab: int) -> tuple[str, str | None] | None:
    """(message, diagnosis) for an output no correct verifier gives, or None."""
    out, draft, gamma = r.emitted, r.draft, len(r.draft)
    if not 1 <= len(out) <= gamma + 1:
        return (f"emitted {len(out)} tokens {list(out)} for {gamma} drafts {list(draft)}: "
                f"expected between 1 and {gamma + 1}",
                SAMPLING_ON if len(out) > gamma + 1 else None)  # fmt: skip
    if any(not 0 <= t < vocab for t in out):
        return f"emitted {list(out)}: token ids must lie in [0, {vocab})", None
    for i, t in enumerate(out[:-1]):
        if t != draft[i]:
            return (f"emitted {list(out)} for drafts {list(draft)}: token {t} at position "
                    f"{i} is not the draft, yet tokens follow it", SAMPLING_ON)
    return None


def _rounds(output: Any, drafts: Any = None) -> tuple[list[Round], str | None]:
    """The rounds of a driver's output, or what is wrong with its form."""
    if not isinstance(output, (list, tuple)):
        return [], "the driver's result is not a list"
    rounds = []
    for item in output:
        if drafts is None:  # draw_and_verify: (drafts, emitted) pairs
            if not (isinstance(item, (list, tuple)) and len(item) == 2):
                return [], "the driver's result is not a list of (drafts, emitted) pairs"
            draft, emitted = item
        else:
            draft, emitted = drafts, item
        if not isinstance(emitted, (list, tuple)) or not all(
            isinstance(t, int) and not isinstance(t, bool) for t in emitted
        ):
            return [], (f"returned {emitted!r:.80}: return a list of Python ints (the "
                        "accepted drafts, then one more token)")  # fmt: skip
        rounds.append(Round(tuple(int(t) for t in draft), tuple(emitted)))
    return rounds, None


def _structure(rounds: list[Round], vocab: int) -> Verdict | None:
    """An impossible output, or every call emitting the same tokens (which a correct
    verifier does only where the deterministic bound or its own bound allows)."""
    for r in rounds:
        problem = _problem(r, vocab)
        if problem:
            return Verdict(False, problem[0], problem[1])
    # Exactly the drafts and nothing after them, and never gamma + 1 tokens: no bonus.
    # (An output equal to the drafts alone can also come from a wrong residual, which
    # the support check names.)
    whole = [r for r in rounds if r.emitted == r.draft]
    if whole and not any(len(r.emitted) == len(r.draft) + 1 for r in rounds):
        return Verdict(False, f"emitted exactly the drafts {list(whole[0].draft)}, all "
                       "accepted, and no bonus token after them", NO_BONUS)  # fmt: skip
    if len(rounds) > 1 and len({(r.draft, r.emitted) for r in rounds}) == 1:
        return Verdict(False, f"all {len(rounds)} calls emitted the same tokens "
                       f"{list(rounds[0].emitted)}", IGNORES_SEED)  # fmt: skip
    return None


def _seed_blind(rounds: list[Round], single: float) -> Verdict | None:
    """IGNORES_SEED when every round emitted the same as the first round with the same
    drafts. Given the drafts, a correct verifier's rounds are independent and none emits
    one output with probability above `single`: so with m comparisons it does that with
    probability at most single^m, required below SEED_FALSE_ALARM."""
    first: dict[tuple[int, ...], tuple[int, ...]] = {}
    comparisons = 0
    for r in rounds:
        if r.draft in first:
            if first[r.draft] != r.emitted:
                return None
            comparisons += 1
        else:
            first[r.draft] = r.emitted
    if comparisons == 0 or single**comparisons >= SEED_FALSE_ALARM:
        return None
    return Verdict(False, f"rounds with the same drafts always emitted the same tokens "
                   f"({comparisons} repeats)", IGNORES_SEED)  # fmt: skip


def _decisions(rounds: list[Round]) -> dict[tuple[int, int], list[int]]:
    """(position, draft token) -> [times reached, times accepted]."""
    seen: dict[tuple[int, int], list[int]] = {}
    for r in rounds:
        accepted = len(r.emitted) - 1
        for i in range(min(accepted + 1, len(r.draft))):
            entry = seen.setdefault((i, r.draft[i]), [0, 0])
            entry[0] += 1
            entry[1] += i < accepted
    return seen


def deterministic_bound(q: Any, p: Any, calls: int, draft: Any = None) -> float:
    """An upper bound on the chance that a correct verifier makes the same decision every
    time at each (position, draft token) it reaches, over `calls` calls.

    Fixed drafts: positions 0..m (m the first with 0 < a < 1) are reached on every call,
    so the chance is at most prod (a^calls + (1 - a)^calls) over them. Drafts from q:
    position 0 is reached on every call; for each way d of deciding by draft token, every
    call decides by d with probability (sum_x q_0(x) P(d_x | x))^calls: summed over d.
    """
    if draft is not None:
        chance = 1.0
        for i, x in enumerate(draft):
            a = min(1.0, p[i, x] / q[i, x])
            if a < 1:
                return chance * (a**calls + (1 - a) ** calls) if a > 0 else chance
        return chance
    a = np.minimum(1.0, p[0] / q[0])
    total = 0.0
    for bits in range(2 ** q.shape[1]):
        d = np.array([(bits >> x) & 1 for x in range(q.shape[1])], dtype=bool)
        total += float(np.sum(q[0] * np.where(d, a, 1 - a))) ** calls
    return total


def _deterministic(rounds: list[Round], bound: float) -> Verdict | None:
    """DETERMINISTIC when every decision was the same at its pair (a correct verifier
    does that with probability at most `bound`, asserted below 1e-12)."""
    if any(0 < acc < n for n, acc in _decisions(rounds).values()):
        return None  # some randomness in the decisions
    return Verdict(False, "every draft was accepted, or rejected, every time it was "
                   "verified (a correct verifier does that with probability below "
                   f"{DETERMINISTIC_FALSE_ALARM:g})", DETERMINISTIC)  # fmt: skip


def _support(rounds: list[Round], q: Any, p: Any) -> str | None:
    for r in rounds:
        j = len(r.emitted) - 1
        if j < len(r.draft) and p[j, r.emitted[-1]] <= q[j, r.emitted[-1]]:
            return (f"after rejecting draft {j} ({r.draft[j]}) your code drew token "
                    f"{r.emitted[-1]}, where p_{j} <= q_{j}: the residual max(p - q, 0) "
                    "gives it probability 0")
    return None


def _first_fitting(laws: Callable[[Rule], list[tuple[Any, Any]]]) -> str | None:
    """The message of the first mistaken rule whose laws the counts fit (and that differs
    from the correct one somewhere)."""
    truth = laws(CORRECT)
    for rule in RULES:
        pairs = laws(rule)
        if all(np.allclose(law, t[1]) for (_, law), t in zip(pairs, truth, strict=True)):
            continue  # the same as the correct law on this case: it says nothing here
        if all(cells_fit(counts, law)[0] for counts, law in pairs):
            return rule.message
    return None


# -- the checks -------------------------------------------------------------------------------


def fixed_draft_check(draft: Any, q: Any, p: Any) -> Callable[[list[Any]], Verdict]:
    draft, q, p = np.asarray(draft), np.asarray(q, np.float64), np.asarray(p, np.float64)
    gamma, vocab = q.shape
    truth = joint_law(CORRECT, draft, q, p)
    all_accepted = float(truth[gamma].sum())
    bound = deterministic_bound(q, p, CALLS, draft)
    assert bound < DETERMINISTIC_FALSE_ALARM, bound

    def check(outputs: list[Any]) -> Verdict:
        rounds, problem = _rounds(outputs[0], tuple(int(t) for t in draft))
        if problem:
            return Verdict(False, problem)
        verdict = _structure(rounds, vocab) or _deterministic(rounds, bound)
        if verdict:
            return verdict
        counts = np.zeros((gamma + 1, vocab), dtype=np.int64)
        for r in rounds:
            counts[len(r.emitted) - 1, r.emitted[-1]] += 1

        def laws(rule: Rule) -> list[tuple[Any, Any]]:
            return [(counts, joint_law(rule, draft, q, p))]

        support = _support(rounds, q, p)
        n = len(rounds)
        accepted_all = int(counts[gamma].sum())
        p_value = binomial_p(accepted_all, n, all_accepted)
        if support or p_value < ALPHA or not cells_fit(counts, truth)[0]:
            message = support or (
                f"all {gamma} drafts accepted in {accepted_all} of {n} calls, where the "
                f"product of the acceptance ratios gives {all_accepted:.3f} "
                f"(exact binomial p = {p_value:.2g})" if p_value < ALPHA else
                f"the accepted counts j = 0..{gamma} came out {_fmt(counts.sum(1) / n)}, "
                f"expected {_fmt(truth.sum(1))}; (j, last token) frequencies do not fit "
                "the exact law (exact binomial tests)")  # fmt: skip
            diagnosis = _first_fitting(laws) or (NOT_CLIPPED if support else None)
            return Verdict(False, message, diagnosis)
        return Verdict(True, "ok")

    return check


def drafts_from_q_check(q: Any, p: Any) -> Callable[[list[Any]], Verdict]:
    q, p = np.asarray(q, np.float64), np.asarray(p, np.float64)
    gamma, vocab = q.shape
    first_law, accepted_law = marginal_laws(CORRECT, q, p)
    assert np.allclose(first_law, p[0])  # the theorem, on this case
    # The most likely single output of any drafts (for the seed-blind check).
    single = max(float(joint_law(CORRECT, d, q, p).max()) for _, d in _draft_laws(q))
    bound = deterministic_bound(q, p, CALLS)
    assert bound < DETERMINISTIC_FALSE_ALARM, bound

    def check(outputs: list[Any]) -> Verdict:
        rounds, problem = _rounds(outputs[0])
        if problem:
            return Verdict(False, problem)
        verdict = (_structure(rounds, vocab) or _seed_blind(rounds, single)
                   or _deterministic(rounds, bound))  # fmt: skip
        if verdict:
            return verdict
        first = np.bincount([r.emitted[0] for r in rounds], minlength=vocab)
        accepted = np.bincount([len(r.emitted) - 1 for r in rounds], minlength=gamma + 1)

        def laws(rule: Rule) -> list[tuple[Any, Any]]:
            f, a = marginal_laws(rule, q, p)
            return [(first, f), (accepted, a)]

        support = _support(rounds, q, p)
        n = len(rounds)
        if support or not cells_fit(first, first_law)[0] or not cells_fit(accepted,
                                                                           accepted_law)[0]:
            message = support or (
                f"with drafts drawn from q, your first tokens came out {_fmt(first / n)}, "
                f"where speculative decoding gives p_0 = {_fmt(p[0])}; drafts accepted "
                f"j = 0..{gamma}: {_fmt(accepted / n)}, expected {_fmt(accepted_law)} "
                "(exact binomial tests)")  # fmt: skip
            diagnosis = _first_fitting(laws) or (NOT_CLIPPED if support else None)
            return Verdict(False, message, diagnosis)
        return Verdict(True, "ok")

    return check


def same_q_check(draft: Any, p: Any) -> Callable[[list[Any]], Verdict]:
    draft, p = np.asarray(draft), np.asarray(p, np.float64)
    gamma, vocab = len(draft), p.shape[1]
    q = p[:gamma]
    # Every call emits the draft and a bonus: all identical with this chance at most.
    assert float(np.sum(p[gamma] ** 2)) ** (SAME_CALLS - 1) < DETERMINISTIC_FALSE_ALARM

    def check(outputs: list[Any]) -> Verdict:
        rounds, problem = _rounds(outputs[0], tuple(int(t) for t in draft))
        if problem:
            return Verdict(False, problem)
        verdict = _structure(rounds, vocab)
        if verdict:
            return verdict
        accepted = np.bincount([len(r.emitted) - 1 for r in rounds], minlength=gamma + 1)
        bonus = np.bincount([r.emitted[-1] for r in rounds if len(r.emitted) == gamma + 1],
                            minlength=vocab)  # fmt: skip

        def laws(rule: Rule) -> list[tuple[Any, Any]]:
            a = [rule.accept(p[i], q[i], int(draft[i])) for i in range(gamma)]
            bonus_law = p[gamma - rule.bonus_back]
            return [(accepted, acceptance_law(rule, a)), (bonus, bonus_law)]

        n = len(rounds)
        if accepted[gamma] < n:
            return Verdict(False, f"with q = p (every ratio p/q is 1) your code rejected a "
                           f"draft in {n - accepted[gamma]} of {n} calls: every draft is "
                           "accepted", _first_fitting(laws))  # fmt: skip
        if not cells_fit(bonus, p[gamma])[0]:
            return Verdict(False, f"with q = p your bonus tokens came out {_fmt(bonus / n)}, "
                           f"expected p_gamma = {_fmt(p[gamma])} (exact binomial tests)",
                           _first_fitting(laws))  # fmt: skip
        return Verdict(True, "ok")

    return check


def _pair(outputs: list[Any]) -> tuple[Any, Any] | Verdict:
    if len(outputs) < 2:
        return Verdict(True, "ok")  # one run alone says nothing about seeds
    for output in outputs[:2]:
        _, problem = _rounds(output, tuple(int(t) for t in DRAFT_A))
        if problem:
            return Verdict(False, problem)
    return outputs[0], outputs[1]


def same_seed_check(outputs: list[Any]) -> Verdict:
    pair = _pair(outputs)
    if isinstance(pair, Verdict):
        return pair
    first, second = pair
    if [list(o) for o in first] != [list(o) for o in second]:
        differ = sum(list(a) != list(b) for a, b in zip(first, second, strict=False))
        return Verdict(False, f"two runs with default_rng(7) gave different tokens in {differ} "
                       f"of {len(first)} calls", NOT_REPRODUCIBLE)  # fmt: skip
    return Verdict(True, "ok")


def seeds_false_alarm() -> float:
    """The chance that a correct verifier gives the same tokens on every call under two
    seeds: (sum over outcomes of P^2) ** SEED_CALLS."""
    law = joint_law(CORRECT, DRAFT_A, Q_A, P_A)
    return float(np.sum(law**2) ** SEED_CALLS)


def different_seeds_check(outputs: list[Any]) -> Verdict:
    pair = _pair(outputs)
    if isinstance(pair, Verdict):
        return pair
    first, second = pair
    if [list(o) for o in first] == [list(o) for o in second]:
        return Verdict(False, f"runs with default_rng(11) and default_rng(12) gave the same "
                       f"tokens on all {len(first)} calls (a correct verifier does that with "
                       f"probability {seeds_false_alarm():.1g})", IGNORES_SEED)  # fmt: skip
    return Verdict(True, "ok")


# -- the cases --------------------------------------------------------------------------------


def _cdf(q: Any) -> list[list[float]]:
    return [np.cumsum(row).tolist() for row in q]


def cases() -> list[Case]:
    assert seeds_false_alarm() < SEED_FALSE_ALARM
    same_p = np.vstack([P_A[:3], P_A[3:]])
    return [
        Case("fixed drafts [0, 2, 1], gamma = 3: the exact law of what is emitted",
             (DRAFT_A, Q_A, P_A, Rng(1), CALLS), driver=verify_many,
             check=fixed_draft_check(DRAFT_A, Q_A, P_A)),
        Case("fixed drafts [1, 3], gamma = 2: a draft with p > q is always accepted",
             (DRAFT_B, Q_B, P_B, Rng(2), CALLS), driver=verify_many,
             check=fixed_draft_check(DRAFT_B, Q_B, P_B)),
        Case("drafts drawn from q: the first token follows p_0, acceptance the product",
             (DRAFT_A, _cdf(Q_A), Q_A, P_A, Rng(3), CALLS), driver=draw_and_verify,
             check=drafts_from_q_check(Q_A, P_A)),
        Case("q = p: every draft is accepted, the bonus follows p_gamma",
             (DRAFT_SAME, same_p[:3], same_p, Rng(4), SAME_CALLS), driver=verify_many,
             check=same_q_check(DRAFT_SAME, same_p)),
        Case("the same seed gives the same tokens", (DRAFT_A, Q_A, P_A, Rng(7), SEED_CALLS),
             driver=verify_many, repeat=2, check=same_seed_check),
        Case("different seeds give different tokens",
             (DRAFT_A, Q_A, P_A, Rng(11, step=1), SEED_CALLS), driver=verify_many, repeat=2,
             check=different_seeds_check),
    ]


SPEC = KataSpec(cases=cases, mistakes=[], python_values=True)
