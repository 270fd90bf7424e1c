import math  # noqa: F401 - the cosine needs it once written


def lr_at(it: int, max_lr: float, min_lr: float, warmup_iters: int,
          cosine_cycle_iters: int) -> float:
    """The learning rate at iteration `it` of a linear warm-up then cosine schedule.

    - it < warmup_iters: it / warmup_iters * max_lr (0 at it = 0);
    - warmup_iters <= it <= cosine_cycle_iters: min_lr + 0.5 * (1 + cos(pi * (it -
      warmup_iters) / (cosine_cycle_iters - warmup_iters))) * (max_lr - min_lr);
    - it > cosine_cycle_iters: min_lr.

    Args:
        it: the iteration, an int >= 0.
        max_lr: the peak rate, reached at it = warmup_iters.
        min_lr: the floor, reached at it = cosine_cycle_iters and kept after.
        warmup_iters: iterations of warm-up (0: none).
        cosine_cycle_iters: the iteration where the cosine ends (counted from 0, not
            from the end of warm-up); larger than warmup_iters.

    Returns:
        The learning rate, a float.
    """
    raise NotImplementedError
