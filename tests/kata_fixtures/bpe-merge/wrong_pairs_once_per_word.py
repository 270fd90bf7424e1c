# expect: pairs counted once per word
from collections import Counter
from itertools import pairwise


def bpe_merge_step(words):
    pairs = Counter()
    for symbols, count in words.items():
        for pair in set(pairwise(symbols)):  # a set: a pair twice in a word counts once
            pairs[pair] += count
    if not pairs:
        return None, dict(words)
    top = max(pairs.values())
    best = min(p for p, n in pairs.items() if n == top)
    new_words = {}
    for symbols, count in words.items():
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                out.append(best[0] + best[1])
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        new_words[tuple(out)] = new_words.get(tuple(out), 0) + count
    return best, new_words
