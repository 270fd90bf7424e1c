"""Test specification of the beam-search kata.

The toy model is a bigram table of log-probabilities, so every case is plain data and
the search is fully deterministic. Random tables have no two hypotheses with equal
scores, so no verdict depends on how ties are broken.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def log_softmax(x: Any) -> Any:
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


# A model where greedy decoding goes wrong: after 0, token 1 looks best (0.5 > 0.4), but
# everything after 1 is uncertain, while 2 is followed by eos (3) almost surely.
# Greedy returns [1, 0, 1, 0]; a beam of 2 finds [2, 3].
GREEDY_TRAP = np.log(np.array([
    [0.05, 0.50, 0.40, 0.05],
    [0.28, 0.26, 0.24, 0.22],
    [0.02, 0.03, 0.01, 0.94],
    [0.40, 0.30, 0.20, 0.10],
]))  # fmt: skip


# A model where the two best continuations of one hypothesis must both survive a step:
# after 0, tokens 1 and 2 lead; after 1, tokens 3 and 4 are nearly tied and both beat
# anything after 2, and only 4 is followed by eos. k greedy searches, one per first
# token, never keep [1, 4]; the shared top-k does, and finds [1, 4, 5].
MUST_BRANCH = np.log(np.array([
    [0.02, 0.55, 0.35, 0.03, 0.03, 0.02],
    [0.02, 0.02, 0.03, 0.45, 0.44, 0.04],
    [0.10, 0.10, 0.10, 0.60, 0.05, 0.05],
    [0.30, 0.30, 0.10, 0.05, 0.05, 0.20],
    [0.01, 0.01, 0.01, 0.01, 0.01, 0.95],
    [0.20, 0.20, 0.20, 0.20, 0.10, 0.10],
]))  # fmt: skip


def cases() -> list[Case]:
    rng = np.random.default_rng(20240612)

    def table(vocab: int, scale: float = 1.5) -> Any:
        return log_softmax(rng.standard_normal((vocab, vocab)) * scale)

    def likely_eos(vocab: int, eos: int, boost: float) -> Any:
        logits = rng.standard_normal((vocab, vocab)) * 1.5
        logits[:, eos] += boost
        return log_softmax(logits)

    def separating(vocab: int, width: int, max_len: int, eos: int, boost: float) -> Any:
        """The first drawn table on which widths width - 1, width and width + 1 all give
        different answers: a beam off by one cannot pass it by luck."""
        for _ in range(500):
            t = likely_eos(vocab, eos, boost)
            found = {tuple(_search(t, 0, w, max_len, eos)[0]) for w in (width - 1, width,
                                                                        width + 1)}
            if len(found) == 3:
                return t
        raise RuntimeError("no separating table")  # pragma: no cover

    return [
        Case("greedy is not enough (width 2)", (GREEDY_TRAP, 0, 2, 4, 3)),
        Case("one hypothesis must branch: two of its continuations survive (width 2)",
             (MUST_BRANCH, 0, 2, 3, 5)),
        Case("one hypothesis must branch, width 3", (MUST_BRANCH, 0, 3, 4, 5)),
        Case("random model V=6, width 3, max_len 5", (table(6), 0, 3, 5, 5)),
        Case("eos likely: hypotheses end early (V=8, width 4)",
             (likely_eos(8, 7, 1.5), 1, 4, 6, 7)),
        Case("eos rare: every hypothesis reaches max_len (V=5, width 3)",
             (likely_eos(5, 4, -6.0), 0, 3, 4, 4)),
        Case("width 1 is greedy (V=6, max_len 6)", (likely_eos(6, 2, 0.8), 3, 1, 6, 2)),
        Case("width 2 (V=7, max_len 7)", (likely_eos(7, 0, 0.5), 4, 2, 7, 0)),
        Case("width larger than the vocabulary (V=4, width 6)",
             (likely_eos(4, 3, 0.3), 0, 6, 5, 3)),
        Case("widths 2, 3 and 4 all differ here (V=6, width 3)",
             (separating(6, 3, 6, 5, 0.5), 0, 3, 6, 5)),
        Case("widths 3, 4 and 5 all differ here (V=8, width 4)",
             (separating(8, 4, 7, 7, 0.3), 0, 4, 7, 7)),
        Case("max_len 1", (table(5), 2, 3, 1, 4)),
        Case("flat model, long search (V=10, width 5, max_len 8)",
             (likely_eos(10, 9, 1.0), 0, 5, 8, 9)),
    ]


def _search(table: Any, start: int, width: int, max_len: int, eos: int, *,
            ends: bool = True, score: str = "log", returned: str = "log",
            normalise: bool = False, with_start: bool = False,
            stop_first: bool = False) -> Any:
    vocab = table.shape[-1]
    beams: list[tuple[list[int], float, float]] = [([], 0.0, 0.0)]  # tokens, log-p, rank
    finished: list[tuple[list[int], float, float]] = []
    for _ in range(max_len):
        candidates = []
        for tokens, logp, rank in beams:
            last = tokens[-1] if tokens else start
            for v in range(vocab):
                step = float(table[last, v])
                added = np.exp(step) if score == "prob-sum" else step
                candidates.append(([*tokens, v], logp + step, rank + added))
        candidates.sort(key=lambda c: -c[2])
        top = candidates[:max(width, 1)]
        if ends:
            done = [c for c in top if c[0][-1] == eos]
            finished += done
            beams = [c for c in top if c[0][-1] != eos]
            if done and stop_first:
                beams = []
            if not beams:
                break
        else:
            beams = top
    finished += beams

    def key(c: tuple[list[int], float, float]) -> float:
        return c[2] / len(c[0]) if normalise else c[2]

    tokens, logp, rank = max(finished, key=key)
    value = {"log": logp, "prob": float(np.exp(logp)), "rank": rank}[returned]
    seq = [start, *tokens] if with_start else tokens
    return np.array(seq, dtype=np.int64), value


def _variant(**how: Any) -> Any:
    def run(step_logprobs: Any, start: int, beam_width: int, max_len: int, eos: int) -> Any:
        return _search(step_logprobs, start, beam_width, max_len, eos, **how)

    return run


def _width(delta: int) -> Any:
    def run(step_logprobs: Any, start: int, beam_width: int, max_len: int, eos: int) -> Any:
        if beam_width + delta < 1:
            return None
        return _search(step_logprobs, start, beam_width + delta, max_len, eos)

    return run


def _independent(step_logprobs: Any, start: int, beam_width: int, max_len: int,
                 eos: int) -> Any:  # fmt: skip
    """k greedy searches from the k best first tokens, instead of one shared top-k."""
    finished = []
    for token in np.argsort(-step_logprobs[start], kind="stable")[:beam_width]:
        tokens, score = [int(token)], float(step_logprobs[start, token])
        while tokens[-1] != eos and len(tokens) < max_len:
            tokens.append(int(np.argmax(step_logprobs[tokens[-1]])))
            score += float(step_logprobs[tokens[-2], tokens[-1]])
        finished.append((tokens, score))
    tokens, score = max(finished, key=lambda c: c[1])
    return np.array(tokens, dtype=np.int64), score


def _greedy(step_logprobs: Any, start: int, beam_width: int, max_len: int, eos: int) -> Any:
    return _search(step_logprobs, start, 1, max_len, eos)


SPEC = KataSpec(
    cases=cases,
    track_types=False,  # tokens may be a list, an array or a tensor; the score a float
    output_names=("tokens", "log_prob"),
    mistakes=[
        Mistake("your output matches a search that keeps extending hypotheses after eos: a "
                "hypothesis that ends in eos is finished and leaves the beam",
                _variant(ends=False)),
        Mistake("your output matches hypotheses ranked by the sum of their probabilities: "
                "add log-probabilities (the log of the product)",
                _variant(score="prob-sum", returned="rank")),
        Mistake("your output matches hypotheses ranked by the sum of their probabilities: "
                "add log-probabilities (the log of the product)",
                _variant(score="prob-sum")),
        Mistake("your output matches beam_width + 1 hypotheses kept per step", _width(1)),
        Mistake("your output matches beam_width - 1 hypotheses kept per step", _width(-1)),
        Mistake("your score is the probability: return the log-probability (the sum of the "
                "log-probabilities)", _variant(returned="prob")),
        Mistake("your output matches length-normalised scores (mean log-probability): this "
                "kata ranks by the total log-probability", _variant(normalise=True)),
        Mistake("your sequence includes the start token: return only the generated tokens",
                _variant(with_start=True)),
        Mistake("your output matches a search that stops as soon as one hypothesis ends: "
                "the others go on until they end or reach max_len",
                _variant(stop_first=True)),
        Mistake("your output matches beam_width independent greedy searches (one per first "
                "token): keep the beam_width best of ALL candidates at every step, so one "
                "hypothesis may keep several continuations", _independent),
        # Last: where greedy coincides with another mistake on every failing case, the
        # other one says more.
        Mistake("your output matches greedy decoding (one hypothesis): keep the beam_width "
                "best hypotheses at every step", _greedy),
    ],
)
