# expect: the square root is missing


def rms_norm(x, gamma, eps=1e-6):
    return x / ((x**2).mean(axis=-1, keepdims=True) + eps) * gamma
