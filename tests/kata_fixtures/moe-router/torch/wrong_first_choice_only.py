# expect: first choice only
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
    # the Switch Transformer's top-1 loss, kept for top-k routing
    tokens, num_experts = logits.shape
    probs = F.softmax(logits, dim=-1)
    f = torch.bincount(probs.argmax(dim=-1), minlength=num_experts) / tokens
    return float(num_experts * torch.dot(f.to(probs.dtype), probs.mean(dim=0)))
