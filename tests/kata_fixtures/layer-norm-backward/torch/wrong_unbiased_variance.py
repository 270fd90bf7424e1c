# expect: unbiased variance
import torch


def layer_norm_backward(dout, x, gamma, eps=1e-5):
    d = x.shape[-1]
    rstd = 1 / torch.sqrt(x.var(dim=-1, keepdim=True) + eps)  # torch.var: d - 1
    x_hat = (x - x.mean(dim=-1, keepdim=True)) * rstd
    g = dout * gamma
    dx = rstd * (g - g.mean(-1, keepdim=True) - x_hat * (g * x_hat).mean(-1, keepdim=True))
    return dx, (dout * x_hat).reshape(-1, d).sum(0), dout.reshape(-1, d).sum(0)
