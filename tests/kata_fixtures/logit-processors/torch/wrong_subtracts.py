# expect: the penalty subtracted
import torch


def min_p_filter(logits, min_p):
    probs = torch.softmax(logits, dim=-1)
    top = probs.amax(dim=-1, keepdim=True)
    return logits.masked_fill(probs < min_p * top, float("-inf"))


def repetition_penalty(logits, prev_ids, penalty):
    seen = torch.zeros_like(logits, dtype=torch.bool).scatter(1, prev_ids, True)
    return logits - penalty * seen
