import torch


def multi_head_attention(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    w_o: torch.Tensor,
    num_heads: int,
    causal: bool = False,
) -> torch.Tensor:
    """Multi-head self-attention without biases (tensor ops, not nn.MultiheadAttention).

    Args:
        x: (batch, seq, d_model).
        w_q, w_k, w_v, w_o: (d_model, d_model), applied as x @ w.
        num_heads: divides d_model; head h uses columns h*d_head:(h+1)*d_head.
        causal: if True, position i attends only to positions j <= i.

    Returns:
        (batch, seq, d_model): concat(heads) @ w_o.
    """
    raise NotImplementedError
