# expect: scaling up below the limit
import torch


def clip_grad_norm(grads, max_norm):
    present = [g for g in grads if g is not None]
    if not present:
        return list(grads), torch.tensor(0.0)
    total = torch.cat([g.flatten() for g in present]).norm()
    coef = max_norm / (total + 1e-6)
    return [None if g is None else g * coef for g in grads], total
