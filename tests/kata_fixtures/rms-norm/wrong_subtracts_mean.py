# expect: subtracts the mean first
import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    x = x - x.mean(axis=-1, keepdims=True)
    return x / np.sqrt((x**2).mean(axis=-1, keepdims=True) + eps) * gamma
