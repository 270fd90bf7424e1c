# expect: error
import math


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    # `<=` puts it = warmup_iters in the warm-up: the same value there, but with no
    # warm-up at all (warmup_iters = 0) it divides by zero at it = 0.
    if it <= warmup_iters:
        return it / warmup_iters * max_lr
    if it > cosine_cycle_iters:
        return min_lr
    progress = (it - warmup_iters) / (cosine_cycle_iters - warmup_iters)
    return min_lr + 0.5 * (1 + math.cos(math.pi * progress)) * (max_lr - min_lr)
