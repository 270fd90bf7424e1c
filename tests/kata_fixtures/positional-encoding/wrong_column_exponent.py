# expect: exponent j / d_model with j the column index
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    j = np.arange(d_model)[None, :]
    angles = pos / 10000 ** (j / d_model)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))
