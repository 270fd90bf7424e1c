# expect: a cosine measured from it = 0
import math


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    if it < warmup_iters:
        return it / warmup_iters * max_lr
    if it > cosine_cycle_iters:
        return min_lr
    return min_lr + 0.5 * (1 + math.cos(math.pi * it / cosine_cycle_iters)) * (max_lr - min_lr)
