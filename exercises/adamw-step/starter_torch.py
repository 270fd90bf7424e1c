import torch


def adamw_step(
    param: torch.Tensor,
    grad: torch.Tensor,
    m: torch.Tensor,
    v: torch.Tensor,
    t: int,
    lr: float,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.01,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One AdamW step, as torch.optim.AdamW takes it, without modifying any input.

    Write it with tensor operations, not torch.optim.AdamW.

    Args:
        param: the parameter before the step.
        grad: its gradient, the same shape.
        m: the running mean of the gradient (zeros before the first step).
        v: the running mean of the squared gradient (zeros before the first step).
        t: the number of this step, counting from 1.
        lr: the learning rate.
        betas: (beta1, beta2), the decay rates of m and v.
        eps: added to the square root of the bias-corrected v.
        weight_decay: the decoupled decay rate (multiplied by lr).

    Returns:
        (param, m, v) after the step, each the shape of param.
    """
    raise NotImplementedError
