"""Test specification of the cosine-lr kata."""

from __future__ import annotations

import math
from typing import Any

from interviewprep.katas.spec import Case, KataSpec, Mistake

# (max_lr, min_lr, warmup_iters, cosine_cycle_iters)
SMALL = (1.0, 0.1, 10, 110)  # middle of the cosine at it = 60
NANO = (6e-4, 6e-5, 2000, 600_000)  # nanoGPT's GPT-2 settings
TO_ZERO = (3e-4, 0.0, 100, 1100)  # min_lr = 0: a cosine down to nothing
NO_WARMUP = (2.0, 0.5, 0, 50)  # warmup_iters = 0: the cosine starts at it = 0
SHORT = (1.0, 0.25, 1, 3)  # one warm-up step, a cosine of two


def _at(label: str, it: int, schedule: tuple[Any, ...]) -> Case:
    return Case(f"{label} (it={it})", (it, *schedule))


def cases() -> list[Case]:
    return [
        _at("start of warm-up", 0, SMALL),
        _at("first warm-up step", 1, SMALL),
        _at("middle of warm-up", 5, SMALL),
        _at("last warm-up step", 9, SMALL),
        _at("end of warm-up (the peak)", 10, SMALL),
        _at("first cosine step", 11, SMALL),
        _at("a quarter of the cosine", 35, SMALL),
        _at("middle of the cosine", 60, SMALL),
        _at("last cosine step", 109, SMALL),
        _at("end of the cycle", 110, SMALL),
        _at("just after the cycle", 111, SMALL),
        _at("long after the cycle", 1000, SMALL),
        _at("nanoGPT schedule, start of warm-up", 0, NANO),
        _at("nanoGPT schedule, middle of warm-up", 1000, NANO),
        _at("nanoGPT schedule, end of warm-up", 2000, NANO),
        _at("nanoGPT schedule, middle of the cosine", 301_000, NANO),
        _at("nanoGPT schedule, after the cycle", 700_000, NANO),
        _at("down to zero, three quarters", 850, TO_ZERO),
        _at("down to zero, after the cycle", 1500, TO_ZERO),
        _at("no warm-up, it=0 is the peak", 0, NO_WARMUP),
        _at("no warm-up, within the cosine", 20, NO_WARMUP),
        _at("short schedule, warm-up", 0, SHORT),
        _at("short schedule, middle of the cosine", 2, SHORT),
        _at("short schedule, after the cycle", 4, SHORT),
    ]


def _cosine(progress: float, max_lr: float, min_lr: float) -> float:
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)


def _schedule(*, warm: Any = None, start: str = "warmup", length: str = "cycle",
              floor: bool = True, to: str = "min", half: bool = True,
              strict_end: bool = False) -> Any:
    """The reference with one thing changed (see each Mistake)."""

    def lr_at(it: int, max_lr: float, min_lr: float, warmup: int, cycle: int) -> float:
        if it < warmup:
            return warm(it, max_lr, min_lr, warmup) if warm else it / warmup * max_lr
        end = warmup + cycle if length == "after warmup" else cycle
        if it <= end or not floor:
            origin = 0 if start == "zero" else warmup
            progress = (it - origin) / (end - origin)
            low = 0.0 if to == "zero" else min_lr
            lr = _cosine(progress, max_lr, low)
            if not half:  # the 0.5 dropped: (1 + cos) * (max - min)
                lr = low + 2.0 * (lr - low)
            return lr
        return min_lr

    return lr_at


def _nanogpt_warmup(it: int, max_lr: float, min_lr: float, warmup: int) -> float:
    return max_lr * (it + 1) / (warmup + 1)


def _integer_warmup(it: int, max_lr: float, min_lr: float, warmup: int) -> float:
    return it // warmup * max_lr


def _warmup_from_min(it: int, max_lr: float, min_lr: float, warmup: int) -> float:
    return min_lr + it / warmup * (max_lr - min_lr)


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches nanoGPT's warm-up, max_lr * (it + 1) / (warmup_iters "
                "+ 1): a different contract (it never gives 0 and reaches max_lr one step "
                "late); this kata's warm-up is it / warmup_iters * max_lr, 0 at it = 0",
                _schedule(warm=_nanogpt_warmup)),
        Mistake("your output has no floor: after cosine_cycle_iters the rate is min_lr, "
                "but yours follows the cosine back up",
                _schedule(floor=False)),
        Mistake("your output matches a cosine measured from it = 0: the cosine starts at "
                "the end of warm-up, progress = (it - warmup_iters) / (cosine_cycle_iters "
                "- warmup_iters)", _schedule(start="zero")),
        Mistake("your output matches cosine_cycle_iters read as the length of the cosine "
                "after warm-up: it is the iteration where the cosine ends, counted from 0",
                _schedule(length="after warmup")),
        Mistake("your output matches a cosine that decays to 0 instead of to min_lr: "
                "min_lr + 0.5 * (1 + cos(...)) * (max_lr - min_lr)", _schedule(to="zero")),
        Mistake("your output matches the cosine without its factor 0.5: 0.5 * (1 + cos) "
                "runs from 1 to 0", _schedule(half=False)),
        Mistake("your output matches integer division in the warm-up (it // "
                "warmup_iters is 0 until the end of warm-up): use it / warmup_iters",
                _schedule(warm=_integer_warmup)),
        Mistake("your output matches a warm-up from min_lr to max_lr: this kata's "
                "warm-up starts at 0, it / warmup_iters * max_lr",
                _schedule(warm=_warmup_from_min)),
    ],
)
