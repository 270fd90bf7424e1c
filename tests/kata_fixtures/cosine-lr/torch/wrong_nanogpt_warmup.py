# expect: nanoGPT's warm-up
import math


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    if it < warmup_iters:
        return max_lr * (it + 1) / (warmup_iters + 1)
    if it > cosine_cycle_iters:
        return min_lr
    ratio = (it - warmup_iters) / (cosine_cycle_iters - warmup_iters)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (max_lr - min_lr)
