# expect: without eps
import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    return x / np.sqrt((x**2).mean(axis=-1, keepdims=True)) * gamma
