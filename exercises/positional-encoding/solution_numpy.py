import numpy as np


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i: one exponent per column pair
    freqs = 10000.0 ** (-two_i / d_model)  # (d_model // 2,)
    angles = positions * freqs  # (seq_len, d_model // 2)
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)  # even columns
    pe[:, 1::2] = np.cos(angles)  # odd columns, same frequency as the column before
    return pe
