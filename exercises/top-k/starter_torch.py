import torch


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    """Set every logit below the k-th largest of its row to -inf (ties with it are kept).

    Args:
        logits: (..., vocab).
        k: how many of the largest to keep, >= 1; k >= vocab keeps all.

    Returns:
        (..., vocab), the kept logits unchanged, the others -inf.
    """
    raise NotImplementedError
