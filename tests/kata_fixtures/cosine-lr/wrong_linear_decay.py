# expect: -


def lr_at(it, max_lr, min_lr, warmup_iters, cosine_cycle_iters):
    # a linear decay instead of the cosine: right at both ends, wrong in between
    if it < warmup_iters:
        return it / warmup_iters * max_lr
    if it > cosine_cycle_iters:
        return min_lr
    progress = (it - warmup_iters) / (cosine_cycle_iters - warmup_iters)
    return max_lr - progress * (max_lr - min_lr)
