# expect: sin in the first half of the columns
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    freqs = np.exp(-np.log(10000.0) * np.arange(0, d_model, 2) / d_model)
    angles = pos * freqs
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
