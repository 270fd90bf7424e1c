# expect: sin and cos swapped
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    div = np.power(10000, np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.cos(pos / div)
    pe[:, 1::2] = np.sin(pos / div)
    return pe
