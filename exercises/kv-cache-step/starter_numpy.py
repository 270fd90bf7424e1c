import numpy as np


def attend_with_cache(
    q: np.ndarray, k_new: np.ndarray, v_new: np.ndarray,
    k_cache: np.ndarray, v_cache: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One decoding step: append the new key/value to the cache, attend over all of it.

    Args:
        q: query of the new token (..., 1, d_k).
        k_new: its key (..., 1, d_k); v_new: its value (..., 1, d_v).
        k_cache: keys of the L earlier tokens (..., L, d_k), oldest first.
        v_cache: their values (..., L, d_v).

    Returns:
        (output (..., 1, d_v), updated k_cache (..., L+1, d_k), updated v_cache (..., L+1, d_v))
    """
    raise NotImplementedError
