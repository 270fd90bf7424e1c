# expect: no floor
import torch


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    if it < warmup_iters:
        return it / warmup_iters * max_lr
    progress = torch.tensor((it - warmup_iters) / (cosine_cycle_iters - warmup_iters))
    return float(min_lr + 0.5 * (1 + torch.cos(torch.pi * progress)) * (max_lr - min_lr))
