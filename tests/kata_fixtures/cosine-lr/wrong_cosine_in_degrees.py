# expect: -
import math


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    # half a turn written in degrees: math.cos takes radians (pi, not 180)
    if it < warmup_iters:
        return it / warmup_iters * max_lr
    if it > cosine_cycle_iters:
        return min_lr
    progress = (it - warmup_iters) / (cosine_cycle_iters - warmup_iters)
    return min_lr + 0.5 * (1 + math.cos(180 * progress)) * (max_lr - min_lr)
