# expect: exactly k entries
import torch


def top_k_filter(logits, k):
    k = min(k, logits.shape[-1])
    # The first k positions of a stable sort: exactly k entries, ties beyond k dropped.
    order = torch.sort(logits, dim=-1, descending=True, stable=True).indices[..., :k]
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order, True)
    return logits.masked_fill(~keep, float("-inf"))
