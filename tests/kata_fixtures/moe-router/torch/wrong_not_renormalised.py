# expect: not renormalised
import torch
import torch.nn.functional as F


def _top_k(probs, k):
    return torch.sort(probs, dim=-1, descending=True, stable=True).indices[:, :k]


def top_k_router(logits, k):
    # Switch-style: the kept probabilities are used as they are
    probs = F.softmax(logits, dim=-1)
    experts = _top_k(probs, k)
    return probs.gather(-1, experts), experts


def load_balancing_loss(logits, k):
    tokens, num_experts = logits.shape
    probs = F.softmax(logits, dim=-1)
    f = F.one_hot(_top_k(probs, k), num_experts).sum(dim=(0, 1)) / tokens
    return float(num_experts * (f * probs.mean(dim=0)).sum())
