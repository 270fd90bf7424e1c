"""Test specification of the adamw-step kata."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, Formulation, KataSpec, Mistake

STEPS = 1000


def least_squares_steps(adamw_step: Any, a: Any, b: Any, param: Any, steps: int, lr: float,
                        weight_decay: float) -> Any:  # fmt: skip
    """`steps` AdamW steps on 0.5 * mean((a @ param - b) ** 2), each step's output fed to
    the next; the same code runs on numpy arrays and on tensors (see Case.driver)."""
    m, v = param * 0, param * 0
    for t in range(1, steps + 1):
        grad = a.T @ (a @ param - b) / a.shape[0]  # (n,)
        param, m, v = adamw_step(param, grad, m, v, t, lr, weight_decay=weight_decay)
    return param, m, v


def cases() -> list[Case]:
    rng = np.random.default_rng(20240618)

    def state(*shape: int, t: int, scale: float = 1.0, dtype: Any = np.float64) -> Any:
        """param, grad and moments as they stand after t - 1 steps (zero before step 1)."""
        param = rng.standard_normal(shape)
        grad = rng.standard_normal(shape) * scale
        if t == 1:
            m, v = np.zeros(shape), np.zeros(shape)
        else:
            m = rng.standard_normal(shape) * 0.1 * scale
            v = rng.uniform(0.5, 1.5, shape) * 0.01 * scale**2
        return tuple(a.astype(dtype) for a in (param, grad, m, v))

    a = rng.standard_normal((32, 5))
    b = a @ rng.standard_normal(5) + 0.1 * rng.standard_normal(32)
    start = rng.standard_normal(5)
    return [
        Case("t = 1 from zero moments (bias correction is largest)",
             (*state(6, t=1), 1, 1e-3)),
        Case("t = 1, weight_decay=0", (*state(6, t=1), 1, 1e-3), {"weight_decay": 0.0}),
        Case("t = 5, running moments, lr=1e-2, weight_decay=0.1",
             (*state(8, t=5), 5, 1e-2), {"weight_decay": 0.1}),
        Case("t = 1000 (v's bias correction still 0.63)", (*state(8, t=1000), 1000, 1e-3),
             {"weight_decay": 0.05}),
        Case("betas=(0.8, 0.95), eps=1e-6, t = 3", (*state(7, t=3), 3, 3e-3),
             {"betas": (0.8, 0.95), "eps": 1e-6, "weight_decay": 0.02}),
        Case("a matrix parameter (3, 4), t = 2", (*state(3, 4, t=2), 2, 1e-3)),
        Case("tiny gradients (1e-9: eps matters)", (*state(6, t=4, scale=1e-9), 4, 1e-3)),
        Case("float32 (16,), t = 10", (*state(16, t=10, dtype=np.float32), 10, 1e-3),
             {"weight_decay": 0.1}),
        Case(f"{STEPS} steps of least squares, weight_decay=0",
             (a, b, start, STEPS, 1e-2, 0.0), driver=least_squares_steps),
        Case(f"{STEPS} steps of least squares, weight_decay=0.1",
             (a, b, start, STEPS, 1e-2, 0.1), driver=least_squares_steps),
    ]


# -- torch's own order of operations, and the mistakes --------------------------------------


def torch_order(param: Any, grad: Any, m: Any, v: Any, t: int, lr: float,
                betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                weight_decay: float = 0.01) -> Any:  # fmt: skip
    """torch.optim.AdamW's single-tensor step, transcribed: decay first, then the step
    size and the denominator bias-corrected separately. The same math as the reference,
    rounded differently."""
    beta1, beta2 = betas
    param = param * (1 - lr * weight_decay)
    m = m + (grad - m) * (1 - beta1)  # exp_avg.lerp_(grad, 1 - beta1)
    v = v * beta2 + (1 - beta2) * grad * grad
    step_size = lr / (1 - beta1**t)
    denom = np.sqrt(v) / math.sqrt(1 - beta2**t) + eps  # a Python float keeps float32
    return param - step_size * (m / denom), m, v


def _adam(param: Any, grad: Any, m: Any, v: Any, t: int, lr: float,
          betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
          weight_decay: float = 0.01, *, l2: bool = False, correct: bool = True,
          eps_inside: bool = False, decay_lr: bool = True, t_shift: int = 0,
          return_hat: bool = False, swap_betas: bool = False) -> Any:  # fmt: skip
    """The step with one of its classic mistakes switched on."""
    beta1, beta2 = betas[::-1] if swap_betas else betas
    if l2:
        grad = grad + weight_decay * param
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    n = t + t_shift
    m_hat = m / (1 - beta1**n) if correct else m
    v_hat = v / (1 - beta2**n) if correct else v
    update = m_hat / (np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps)
    decay = 0.0 if l2 else weight_decay * param
    param = param - lr * update - (lr * decay if decay_lr else decay)
    return (param, m_hat, v_hat) if return_hat else (param, m, v)


def _variant(**how: Any) -> Any:
    def run(param: Any, grad: Any, m: Any, v: Any, t: int, lr: float,
            betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
            weight_decay: float = 0.01) -> Any:  # fmt: skip
        return _adam(param, grad, m, v, t, lr, betas, eps, weight_decay, **how)

    return run


def torch_oracle(param: Any, grad: Any, m: Any, v: Any, t: int, lr: float,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.01) -> Any:  # fmt: skip
    """torch.optim.AdamW itself, its state set to m, v and step t - 1."""
    import torch

    p = torch.nn.Parameter(torch.tensor(param))
    opt = torch.optim.AdamW([p], lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                            foreach=False)  # fmt: skip
    opt.state[p] = {"step": torch.tensor(float(t - 1)), "exp_avg": torch.tensor(m),
                    "exp_avg_sq": torch.tensor(v)}  # fmt: skip
    p.grad = torch.tensor(grad)
    opt.step()
    state = opt.state[p]
    return p.detach().numpy(), state["exp_avg"].numpy(), state["exp_avg_sq"].numpy()


SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches Adam with L2: weight_decay * param added to the "
                "gradient (so it passes through m and v); AdamW decays the parameter "
                "directly, lr * weight_decay * param", _variant(l2=True)),
        Mistake("your output matches no bias correction: divide m by 1 - beta1**t and v "
                "by 1 - beta2**t", _variant(correct=False)),
        Mistake("your output matches eps inside the square root: sqrt(v_hat) + eps",
                _variant(eps_inside=True)),
        Mistake("your output matches the decay not scaled by lr: subtract "
                "lr * weight_decay * param", _variant(decay_lr=False)),
        Mistake("your output matches the bias correction with t + 1: t counts from 1, so "
                "the first step divides by 1 - beta", _variant(t_shift=1)),
        Mistake("your output matches the bias-corrected m_hat and v_hat returned as the "
                "state: return the raw running averages m and v", _variant(return_hat=True)),
        Mistake("your output matches beta1 and beta2 swapped: beta1 (0.9) averages the "
                "gradient, beta2 (0.999) its square", _variant(swap_betas=True)),
    ],
    torch_oracle=torch_oracle,
    alternatives=[Formulation("torch.optim.AdamW's order of operations", torch_order)],
)
