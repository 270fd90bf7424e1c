import torch


def clip_grad_norm(
    grads: list[torch.Tensor | None], max_norm: float
) -> tuple[list[torch.Tensor | None], torch.Tensor]:
    present = [g for g in grads if g is not None]  # None: a frozen parameter, no gradient
    if not present:
        return list(grads), torch.tensor(0.0)
    # The norm of the per-tensor norms is the norm of everything concatenated.
    total_norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g)
                                                       for g in present]))
    scale = torch.clamp(max_norm / (total_norm + 1e-6), max=1.0)  # never scaled up
    return [None if g is None else g * scale for g in grads], total_norm
