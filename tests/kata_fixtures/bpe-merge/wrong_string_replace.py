# expect: merges across symbol boundaries
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
        text = " ".join(symbols).replace(" ".join(best), "".join(best))
        key = tuple(text.split())
        new_words[key] = new_words.get(key, 0) + count
    return best, new_words
