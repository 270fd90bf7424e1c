import numpy as np


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    num_heads: int,
    causal: bool = False,
) -> np.ndarray:
    """Multi-head self-attention without biases.

    Args:
        x: (batch, seq, d_model).
        w_q, w_k, w_v, w_o: (d_model, d_model), applied as x @ w.
        num_heads: divides d_model; head h uses columns h*d_head:(h+1)*d_head.
        causal: if True, position i attends only to positions j <= i.

    Returns:
        (batch, seq, d_model): concat(heads) @ w_o.
    """
    raise NotImplementedError
