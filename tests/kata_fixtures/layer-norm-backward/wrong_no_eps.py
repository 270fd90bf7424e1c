# expect: eps left out


def layer_norm_backward(dout, x, gamma, eps=1e-5):
    d = x.shape[-1]
    xhat = (x - x.mean(axis=-1, keepdims=True)) / x.std(axis=-1, keepdims=True)
    rstd = 1.0 / x.std(axis=-1, keepdims=True)
    dgamma = (dout * xhat).reshape(-1, d).sum(axis=0)
    dbeta = dout.reshape(-1, d).sum(axis=0)
    g = dout * gamma
    dx = rstd * (g - g.mean(-1, keepdims=True) - xhat * (g * xhat).mean(-1, keepdims=True))
    return dx, dgamma, dbeta
