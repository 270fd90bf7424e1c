# expect: the length of the cosine after warm-up
import math


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    if it < warmup_iters:
        return it / warmup_iters * max_lr
    step = it - warmup_iters
    if step > cosine_cycle_iters:
        return min_lr
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * step / cosine_cycle_iters))
