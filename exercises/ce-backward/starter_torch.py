import torch


def softmax_cross_entropy_grad(
    logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100
) -> torch.Tensor:
    """The gradient of the mean cross-entropy (see the cross-entropy kata) with respect
    to the logits: (softmax(logits) - onehot(targets)) / n_valid, 0 where ignored.

    Write it with tensor operations, not autograd (no .backward, no torch.autograd).

    Args:
        logits: (..., V).
        targets: (...) int64, in [0, V) or equal to ignore_index.
        ignore_index: targets equal to it add nothing and are not counted.

    Returns:
        (..., V), the shape and dtype of logits.
    """
    raise NotImplementedError
