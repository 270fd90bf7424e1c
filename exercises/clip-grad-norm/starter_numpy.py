import numpy as np


def clip_grad_norm(
    grads: list[np.ndarray | None], max_norm: float
) -> tuple[list[np.ndarray | None], float]:
    """Clip gradients by their global L2 norm, as torch.nn.utils.clip_grad_norm_.

    total_norm = sqrt(sum over every gradient of sum(g ** 2)), before clipping; every
    gradient is scaled by min(1, max_norm / (total_norm + 1e-6)).

    Args:
        grads: a list of gradient arrays of any shapes, or None for a parameter
            without a gradient (frozen); not modified.
        max_norm: the largest global norm allowed, > 0.

    Returns:
        (clipped, total_norm): a new list as long as grads, None where grads has None,
        each array scaled and in its own dtype; total_norm a float (the norm before
        clipping).
    """
    raise NotImplementedError
