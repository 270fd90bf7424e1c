import math


def lr_at(it: int, max_lr: float, min_lr: float, warmup_iters: int,
          cosine_cycle_iters: int) -> float:
    if it < warmup_iters:  # linear warm-up from 0 (lr 0 at it = 0)
        return it / warmup_iters * max_lr
    if it <= cosine_cycle_iters:  # half a cosine from max_lr down to min_lr
        progress = (it - warmup_iters) / (cosine_cycle_iters - warmup_iters)  # 0 .. 1
        return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
    return min_lr  # the floor after the cycle
