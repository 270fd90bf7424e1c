# expect: only the first occurrence merged
from collections import Counter
from itertools import pairwise


def bpe_merge_step(words):
    pairs = Counter()
    for symbols, count in words.items():
        for pair in pairwise(symbols):
            pairs[pair] += count
    if not pairs:
        return None, dict(words)
    top = max(pairs.values())
    best = min(p for p, n in pairs.items() if n == top)
    new_words = {}
    for symbols, count in words.items():
        symbols = list(symbols)
        for i in range(len(symbols) - 1):
            if (symbols[i], symbols[i + 1]) == best:
                symbols[i : i + 2] = [best[0] + best[1]]
                break
        key = tuple(symbols)
        new_words[key] = new_words.get(key, 0) + count
    return best, new_words
