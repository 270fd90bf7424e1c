# expect: the top probability of the whole batch
import torch


def min_p_filter(logits, min_p):
    probs = logits.softmax(dim=-1)
    return torch.where(probs >= min_p * probs.max(), logits, float("-inf"))


def repetition_penalty(logits, prev_ids, penalty):
    seen = logits.gather(1, prev_ids)
    return logits.scatter(1, prev_ids, torch.where(seen < 0, seen * penalty, seen / penalty))
