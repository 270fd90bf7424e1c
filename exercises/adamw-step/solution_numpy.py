import numpy as np


def adamw_step(
    param: np.ndarray,
    grad: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.01,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    beta1, beta2 = betas
    # Running averages of the gradient and of its square; new arrays, so the caller's
    # state is left as it was.
    m = beta1 * m + (1 - beta1) * grad  # (shape of param)
    v = beta2 * v + (1 - beta2) * grad * grad
    # Bias correction: m and v start at 0, so early averages are too small by 1 - beta**t.
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    # Decoupled weight decay: lr * weight_decay * param, from the parameter before this
    # step, kept out of the moments (adding it to grad would be Adam with L2).
    param = param - lr * (m_hat / (np.sqrt(v_hat) + eps) + weight_decay * param)
    return param, m, v
