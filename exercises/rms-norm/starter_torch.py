import torch


def rms_norm(x: torch.Tensor, gamma: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """Divide each position by the root mean square of its last axis, then scale by gamma.

    Write it with tensor operations, not torch.nn.functional.rms_norm.

    Args:
        x: (..., d).
        gamma: (d,) scale.
        eps: added to the mean of squares inside the square root.

    Returns:
        (..., d)
    """
    raise NotImplementedError
