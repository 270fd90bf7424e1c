import torch


def layer_norm_backward(
    dout: torch.Tensor, x: torch.Tensor, gamma: torch.Tensor, eps: float = 1e-5
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    d = x.shape[-1]
    mean = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True, unbiased=False)  # biased, as the forward pass
    rstd = torch.rsqrt(var + eps)
    x_hat = (x - mean) * rstd
    dbeta = dout.reshape(-1, d).sum(dim=0)
    dgamma = (dout * x_hat).reshape(-1, d).sum(dim=0)
    g = dout * gamma
    dx = rstd * (
        g - g.mean(dim=-1, keepdim=True) - x_hat * (g * x_hat).mean(dim=-1, keepdim=True)
    )
    return dx, dgamma, dbeta
