import torch


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    # Hugging Face's formulation: sort ascending and drop the tail whose cumulative
    # probability is <= 1 - p; the last (most likely) token always stays.
    sorted_logits, order = torch.sort(logits, dim=-1, descending=False)
    cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    remove_sorted = cumulative <= (1 - p)
    remove_sorted[..., -1:] = False
    remove = remove_sorted.scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))
