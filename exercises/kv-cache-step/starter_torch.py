import torch


def attend_with_cache(
    q: torch.Tensor, k_new: torch.Tensor, v_new: torch.Tensor,
    k_cache: torch.Tensor, v_cache: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One decoding step: append the new key/value to the cache, attend over all of it.

    Write the attention with tensor operations, not
    torch.nn.functional.scaled_dot_product_attention.

    Args:
        q: query of the new token (..., 1, d_k).
        k_new: its key (..., 1, d_k); v_new: its value (..., 1, d_v).
        k_cache: keys of the L earlier tokens (..., L, d_k), oldest first.
        v_cache: their values (..., L, d_v).

    Returns:
        (output (..., 1, d_v), updated k_cache (..., L+1, d_k), updated v_cache (..., L+1, d_v))
    """
    raise NotImplementedError
