import numpy as np


def grouped_query_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False
) -> np.ndarray:
    """Grouped-query attention: Hq query heads share Hkv key/value heads.

    Query head h attends with key/value head h // (Hq // Hkv) (contiguous groups).
    Scores are scaled by 1/sqrt(d). With causal=True the mask is aligned bottom-right:
    the L queries are the last L of the S positions, so query i sees keys
    j <= S - L + i.

    Args:
        q: queries (B, Hq, L, d).
        k: keys (B, Hkv, S, d), with Hq % Hkv == 0.
        v: values (B, Hkv, S, d).
        causal: whether each query sees only the keys up to its own position.

    Returns:
        (B, Hq, L, d)
    """
    raise NotImplementedError
