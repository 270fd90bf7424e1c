import torch


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    """Keep the smallest set of most likely tokens whose probability reaches p; -inf the rest.

    Args:
        logits: (..., vocab).
        p: in [0, 1]; 0 keeps the single most likely token, 1 keeps all.

    Returns:
        (..., vocab), the kept logits unchanged, the others -inf.
    """
    raise NotImplementedError
