import math

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))  # max subtraction: no overflow
    return e / np.sum(e, axis=axis, keepdims=True)


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    num_heads: int,
    causal: bool = False,
) -> np.ndarray:
    batch, seq, d_model = x.shape
    d_head = d_model // num_heads

    def split_heads(t: np.ndarray) -> np.ndarray:
        # (B, S, D) -> (B, S, H, d_head) -> (B, H, S, d_head): head h gets columns
        # h*d_head:(h+1)*d_head, and the head axis becomes a batch axis for matmul.
        return t.reshape(batch, seq, num_heads, d_head).transpose(0, 2, 1, 3)

    q, k, v = split_heads(x @ w_q), split_heads(x @ w_k), split_heads(x @ w_v)
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d_head)  # (B, H, S, S)
    if causal:
        allowed = np.tril(np.ones((seq, seq), dtype=bool))  # i attends to j <= i
        scores = np.where(allowed, scores, -np.inf)
    heads = softmax(scores, axis=-1) @ v  # (B, H, S, d_head)
    # Back to (B, S, H, d_head) before merging, so each position's heads sit side by side.
    merged = heads.transpose(0, 2, 1, 3).reshape(batch, seq, d_model)
    return merged @ w_o  # (B, S, D)
