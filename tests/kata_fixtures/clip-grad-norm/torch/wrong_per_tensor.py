# expect: per-tensor clipping
import torch


def clip_grad_norm(grads, max_norm):
    norms = [g.norm() for g in grads if g is not None]
    total = torch.stack(norms).norm() if norms else torch.tensor(0.0)
    out = []
    for g in grads:
        out.append(None if g is None else g * torch.clamp(max_norm / (g.norm() + 1e-6), max=1.0))
    return out, total
