import torch


def layer_norm_backward(
    dout: torch.Tensor, x: torch.Tensor, gamma: torch.Tensor, eps: float = 1e-5
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The gradients of y = layer_norm(x, gamma, beta, eps) (over the last axis, biased
    variance, eps inside the root) given dout = dL/dy.

    Write it with tensor operations, not autograd (no .backward, no torch.autograd).

    Args:
        dout: (..., d), the gradient of the loss with respect to y.
        x: (..., d), the forward pass's input.
        gamma: (d,) scale.
        eps: added to the variance inside the square root.

    Returns:
        (dx, dgamma, dbeta): (..., d), (d,), (d,); dgamma and dbeta summed over every
        leading axis.
    """
    raise NotImplementedError
