# expect: min-p applied to the logits
import torch


def min_p_filter(logits, min_p):
    top = logits.max(dim=-1, keepdim=True).values
    return logits.masked_fill(logits < min_p * top, float("-inf"))


def repetition_penalty(logits, prev_ids, penalty):
    seen = torch.gather(logits, 1, prev_ids)
    seen = torch.where(seen < 0, seen * penalty, seen / penalty)
    return logits.scatter(1, prev_ids, seen)
