"""Test specification of the bpe-merge kata (outputs are plain Python values)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake

SENNRICH = {
    ("l", "o", "w", "</w>"): 5,
    ("l", "o", "w", "e", "r", "</w>"): 2,
    ("n", "e", "w", "e", "s", "t", "</w>"): 6,
    ("w", "i", "d", "e", "s", "t", "</w>"): 3,
}


def _random_corpus(rng: Any) -> dict[tuple[str, ...], int]:
    letters = list("abcde")
    words: dict[tuple[str, ...], int] = {}
    while len(words) < 12:
        length = int(rng.integers(2, 7))
        word = (*(str(c) for c in rng.choice(letters, length)), "</w>")
        words[word] = int(rng.integers(1, 20))
    return words


def cases() -> list[Case]:
    rng = np.random.default_rng(20240613)
    return [
        Case("the corpus of Sennrich et al. (a three-way tie at 9)", (dict(SENNRICH),)),
        Case("counts decide: one frequent word against many rare ones",
             ({("x", "y"): 10, ("a", "b", "z"): 1, ("a", "b", "w"): 1, ("a", "b"): 1},)),
        Case("a run of three: a a a -> aa a", ({("a", "a", "a"): 4, ("b", "a"): 1},)),
        Case("a run of four: a a a a -> aa aa",
             ({("a", "a", "a", "a"): 2, ("a", "b"): 3, ("b", "a", "a"): 1},)),
        Case("the pair twice in one word",
             ({("a", "b", "c", "a", "b"): 3, ("c", "a"): 1, ("b", "c"): 2},)),
        Case("a two-way tie: the smallest pair, not the first met",
             ({("z", "y"): 3, ("a", "b"): 3, ("q",): 7},)),
        Case("a three-way tie: neither the first met nor the largest",
             ({("m", "n"): 2, ("z", "y"): 2, ("a", "b"): 2, ("p", "q", "r"): 1},)),
        Case("symbols from earlier merges (no merge across a boundary)",
             ({("b", "c"): 5, ("ab", "c"): 1, ("x", "ab", "c", "</w>"): 2},)),
        Case("longer symbols: 'lo' + 'w' -> 'low'",
             ({("lo", "w", "</w>"): 5, ("lo", "w", "er", "</w>"): 2, ("n", "e", "w"): 1},)),
        Case("two words become one: their counts add (a b c + ab c)",
             ({("a", "b", "c"): 4, ("ab", "c"): 3, ("x", "y"): 1},)),
        Case("three words become one, a pair repeated in each",
             ({("a", "b", "a", "b"): 2, ("ab", "a", "b"): 3, ("ab", "ab"): 1, ("b", "a"): 1},)),
        Case("no pair left", ({("low",): 5, ("a",): 1},)),
        Case("a random corpus of 12 words", (_random_corpus(rng),)),
    ]


def _count(words: Any, *, weighted: bool = True, once: bool = False) -> Counter[Any]:
    pairs: Counter[Any] = Counter()
    for symbols, count in words.items():
        found = list(pairwise(symbols))
        for pair in dict.fromkeys(found) if once else found:
            pairs[pair] += count if weighted else 1
    return pairs


def _pick(pairs: Counter[Any], tie: str) -> Any:
    top = max(pairs.values())
    tied = [p for p, n in pairs.items() if n == top]
    return {"smallest": min(tied), "largest": max(tied), "first": tied[0]}[tie]


def _merge_word(symbols: Any, pair: Any, how: str) -> tuple[str, ...]:
    merged = pair[0] + pair[1]
    if how == "string":  # " ".join + str.replace: matches across symbol boundaries
        text = " ".join(symbols).replace(f"{pair[0]} {pair[1]}", merged)
        return tuple(text.split(" "))
    out, i, done = [], 0, False
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair and not done:
            out.append(merged)
            if how == "overlap":
                i += 1  # forgets to skip the second half
                if i == len(symbols) - 1:
                    break  # the last symbol was used up by the merge
            else:
                i += 2
            done = how == "first"
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def _step(words: Any, *, weighted: bool = True, once: bool = False, tie: str = "smallest",
          merge: str = "all", add: bool = True) -> Any:
    pairs = _count(words, weighted=weighted, once=once)
    if not pairs:
        return None, dict(words)
    best = _pick(pairs, tie)
    new: dict[tuple[str, ...], int] = {}
    for symbols, count in words.items():
        key = _merge_word(symbols, best, merge)
        new[key] = new.get(key, 0) + count if add else count
    return best, new


def _variant(**how: Any) -> Any:
    def run(words: Any) -> Any:
        return _step(words, **how)

    return run


SPEC = KataSpec(
    cases=cases,
    python_values=True,
    mistakes=[
        Mistake("your output matches pairs counted once per distinct word: weight each "
                "occurrence by the word's count", _variant(weighted=False)),
        Mistake("your output matches pairs counted once per word: count every occurrence, "
                "times the word's count", _variant(once=True)),
        Mistake("your output matches overlapping merges (a a a -> aa aa): after a merge, "
                "skip both symbols", _variant(merge="overlap")),
        Mistake("your output matches ties broken by the first pair met (Counter.most_common "
                "order): this kata takes the smallest pair", _variant(tie="first")),
        Mistake("your output matches ties broken by the largest pair: this kata takes the "
                "smallest", _variant(tie="largest")),
        Mistake("your output matches only the first occurrence merged in each word: merge "
                "every occurrence", _variant(merge="first")),
        Mistake("your output matches merges across symbol boundaries (str.replace on the "
                "joined word): only two whole adjacent symbols merge", _variant(merge="string")),
        Mistake("your output matches counts overwritten instead of added when two words "
                "become the same symbols (a b c and ab c both become ab c): add them",
                _variant(add=False)),
    ],
)
