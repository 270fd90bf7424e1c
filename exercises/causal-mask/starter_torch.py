import torch


def causal_mask(n: int) -> torch.Tensor:
    """Boolean (n, n) mask: True where query position i may attend to key position j.

    Args:
        n: the sequence length.

    Returns:
        A torch.bool tensor of shape (n, n).
    """
    raise NotImplementedError
