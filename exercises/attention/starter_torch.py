import torch


def scaled_dot_product_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None
) -> torch.Tensor:
    """softmax(q k^T / sqrt(d_k)) v, with an optional boolean mask (True = may attend).

    Write it with tensor operations, not torch.nn.functional.scaled_dot_product_attention.

    Args:
        q: queries (..., Lq, d_k).
        k: keys (..., Lk, d_k).
        v: values (..., Lk, d_v).
        mask: None, or bool broadcastable to (..., Lq, Lk).

    Returns:
        (..., Lq, d_v)
    """
    raise NotImplementedError
