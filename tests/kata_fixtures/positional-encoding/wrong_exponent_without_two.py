# expect: the exponent i / d_model
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    angles = pos / 10000 ** (np.arange(d_model // 2) / d_model)  # i, not 2i
    pe = np.empty((seq_len, d_model))
    pe[:, ::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe
