import numpy as np


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    """The sinusoidal positional encoding of "Attention Is All You Need".

    PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same angle).

    Args:
        seq_len: number of positions (0 .. seq_len - 1).
        d_model: model width, even.

    Returns:
        (seq_len, d_model) floating-point array.
    """
    raise NotImplementedError
