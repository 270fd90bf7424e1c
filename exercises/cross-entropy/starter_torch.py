import torch


def cross_entropy(
    logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100, reduction: str = "mean"
) -> torch.Tensor:
    """The cross-entropy of each target under a softmax of its logits, as
    torch.nn.functional.cross_entropy computes it (vocabulary on the last axis).

    Write it with tensor operations, not torch.nn.functional.cross_entropy.

    Args:
        logits: (..., V).
        targets: (...) int64, in [0, V) or equal to ignore_index.
        ignore_index: targets equal to it add nothing and are not counted.
        reduction: "mean" (over the counted targets), "sum" or "none".

    Returns:
        a 0-d tensor for "mean" and "sum"; (...) for "none", 0 where ignored.
    """
    raise NotImplementedError


def lm_loss(logits: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
    """The next-token loss: the mean cross-entropy of logits[:, t] against input_ids[:, t + 1].

    Args:
        logits: (B, T, V).
        input_ids: (B, T) int64, in [0, V).

    Returns:
        a 0-d tensor.
    """
    raise NotImplementedError
