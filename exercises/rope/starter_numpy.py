import numpy as np


def apply_rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """Rotary position embedding, "rotate-half" pairing (element i with i + d/2).

    inv_freq[i] = base ** (-2i / d) for i < d/2; angle = positions[..., None] * inv_freq,
    tiled twice to length d; output = x * cos(angle) + rotate_half(x) * sin(angle) with
    rotate_half([x1, x2]) = [-x2, x1].

    Args:
        x: (..., seq, d) queries or keys, d even.
        positions: integer array broadcastable to (..., seq): each token's position.
        base: the frequency base (10000 in the RoFormer paper and Llama 2).

    Returns:
        (..., seq, d), the dtype of x.
    """
    raise NotImplementedError
