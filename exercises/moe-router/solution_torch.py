import torch


def _top_k(probs: torch.Tensor, k: int) -> torch.Tensor:
    # torch.topk does not promise an order for ties; a stable descending sort does
    # (equal values keep index order: ties to the lower expert index).
    return torch.sort(probs, dim=-1, descending=True, stable=True).indices[:, :k]


def top_k_router(logits: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    probs = torch.softmax(logits, dim=-1)  # (T, E)
    experts = _top_k(probs, k)  # (T, k) int64
    kept = probs.gather(-1, experts)
    return kept / kept.sum(dim=-1, keepdim=True), experts


def load_balancing_loss(logits: torch.Tensor, k: int) -> float:
    tokens, num_experts = logits.shape
    probs = torch.softmax(logits, dim=-1)
    experts = _top_k(probs, k)
    # As Hugging Face's Mixtral load_balancing_loss_func: one-hot of the choices.
    f = torch.nn.functional.one_hot(experts, num_experts).sum(dim=(0, 1)) / tokens  # (E,)
    return float(num_experts * torch.sum(f * probs.mean(dim=0)))
