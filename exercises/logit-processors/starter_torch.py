import torch


def min_p_filter(logits: torch.Tensor, min_p: float) -> torch.Tensor:
    """Min-p filtering: keep the tokens whose probability is at least min_p times the
    row's top probability; every other logit becomes -inf.

    Args:
        logits: (..., vocab); each row is the last axis.
        min_p: in [0, 1].

    Returns:
        The same shape and dtype: kept logits unchanged, the others -inf.
    """
    raise NotImplementedError


def repetition_penalty(
    logits: torch.Tensor, prev_ids: torch.Tensor, penalty: float
) -> torch.Tensor:
    """Hugging Face's repetition penalty: for each distinct id of a row's prev_ids, a
    negative logit is multiplied by penalty, a non-negative one divided by it.

    Args:
        logits: (batch, vocab).
        prev_ids: (batch, n) integer ids already generated in each row (n may be 0).
        penalty: > 0 (above 1 discourages repetition).

    Returns:
        (batch, vocab), the dtype of logits; logits itself is not modified.
    """
    raise NotImplementedError
