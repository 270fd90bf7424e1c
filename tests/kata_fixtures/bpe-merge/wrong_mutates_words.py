# expect: changed `words` in place
from collections import Counter
from itertools import pairwise


def bpe_merge_step(words):
    pairs = Counter()
    for symbols, count in words.items():
        for pair in pairwise(symbols):
            pairs[pair] += count
    if not pairs:
        return None, words
    top = max(pairs.values())
    best = min(p for p, n in pairs.items() if n == top)
    # Rewrites the caller's dict as it goes: the corpus they passed in is gone.
    for symbols in list(words):
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                out.append(best[0] + best[1])
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        count = words.pop(symbols)
        words[tuple(out)] = words.get(tuple(out), 0) + count
    return best, words
