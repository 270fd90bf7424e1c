import torch


def flash_attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    block_q: int = 32,
    block_k: int = 32,
    causal: bool = False,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Attention computed block by block with an online softmax (FlashAttention).

    For each block of block_q queries, visit the keys block_k at a time, keeping a running
    max m, a running sum l of exp(s - m) and an accumulator of exp(s - m) @ v; rescale
    l and the accumulator by exp(m_old - m_new) whenever the max grows.
    Never build the (L, S) matrix of scores, and do not call
    torch.nn.functional.scaled_dot_product_attention.

    Args:
        q: queries (..., L, d).
        k: keys (..., S, d).
        v: values (..., S, dv).
        block_q: queries per block (the last block may be smaller).
        block_k: keys per block (the last block may be smaller).
        causal: query i sees keys j <= S - L + i (aligned bottom-right).

    Returns:
        (o, lse): o (..., L, dv) equal to softmax(q k^T / sqrt(d)) v, and lse (..., L)
        the log-sum-exp of each query's scaled (and masked) scores.
    """
    raise NotImplementedError
