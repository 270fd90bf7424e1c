def bpe_merge_step(
    words: dict[tuple[str, ...], int],
) -> tuple[tuple[str, str] | None, dict[tuple[str, ...], int]]:
    """One merge of byte-pair encoding training.

    Args:
        words: each word of the corpus as a tuple of symbols, mapped to how many times
            the word occurs, e.g. {("l", "o", "w", "</w>"): 5}.

    Returns:
        (pair, new_words): the most frequent adjacent pair (ties: the smallest pair), and
        the words with every occurrence of that pair merged into one symbol, left to
        right without overlap. (None, words) when no word has two symbols.
    """
    raise NotImplementedError
