# expect: unbiased variance
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True)  # torch's var divides by d - 1 by default
    return (x - mean) / torch.sqrt(var + eps) * gamma + beta
