# expect: the variance term dropped
import torch


def layer_norm_backward(dout, x, gamma, eps=1e-5):
    d = x.shape[-1]
    rstd = torch.rsqrt(x.var(dim=-1, keepdim=True, unbiased=False) + eps)
    x_hat = (x - x.mean(dim=-1, keepdim=True)) * rstd
    g = dout * gamma
    dx = rstd * (g - g.mean(-1, keepdim=True))
    return dx, (dout * x_hat).reshape(-1, d).sum(0), dout.reshape(-1, d).sum(0)
