# expect: once per occurrence
import torch


def min_p_filter(logits, min_p):
    probs = torch.softmax(logits, dim=-1)
    top = probs.amax(dim=-1, keepdim=True)
    return logits.masked_fill(probs < min_p * top, float("-inf"))


def repetition_penalty(logits, prev_ids, penalty):
    # penalty ** count: an id seen three times is penalised three times
    ones = torch.ones_like(prev_ids, dtype=logits.dtype)
    counts = torch.zeros_like(logits).scatter_add(1, prev_ids, ones)
    factor = penalty**counts
    return torch.where(logits < 0, logits * factor, logits / factor)
