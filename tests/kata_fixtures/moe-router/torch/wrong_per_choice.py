# expect: divided by tokens * k
import torch
import torch.nn.functional as F


def _top_k(probs, k):
    return torch.sort(probs, dim=-1, descending=True, stable=True).indices[:, :k]


def top_k_router(logits, k):
    probs = F.softmax(logits, dim=-1)
    experts = _top_k(probs, k)
    kept = probs.gather(-1, experts)
    return kept / kept.sum(dim=-1, keepdim=True), experts


def load_balancing_loss(logits, k):
    num_experts = logits.shape[-1]
    probs = F.softmax(logits, dim=-1)
    experts = _top_k(probs, k)
    f = F.one_hot(experts, num_experts).float().mean(dim=(0, 1))  # mean over tokens AND choices
    return float(num_experts * (f * probs.mean(dim=0)).sum())
