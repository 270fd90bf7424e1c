from collections import Counter
from itertools import pairwise


def bpe_merge_step(
    words: dict[tuple[str, ...], int],
) -> tuple[tuple[str, str] | None, dict[tuple[str, ...], int]]:
    # Count every adjacent pair, weighted by how often its word occurs in the corpus.
    pairs: Counter[tuple[str, str]] = Counter()
    for symbols, count in words.items():
        for pair in pairwise(symbols):
            pairs[pair] += count
    if not pairs:
        return None, dict(words)
    top = max(pairs.values())
    best = min(p for p, n in pairs.items() if n == top)  # ties: the smallest pair
    merged = best[0] + best[1]
    new_words = {}
    for symbols, count in words.items():
        out, i = [], 0
        while i < len(symbols):
            # Left to right, and skip both halves: "a a a" becomes "aa a", not "aa aa".
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                out.append(merged)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        # Two words can become the same symbols ("a b c" and "ab c"): their counts add.
        new_words[tuple(out)] = new_words.get(tuple(out), 0) + count
    return best, new_words
