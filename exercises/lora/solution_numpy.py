import numpy as np


def lora_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, a: np.ndarray, b_lora: np.ndarray,
    alpha: float, r: int,
) -> np.ndarray:
    base = x @ w + b  # (..., out): the frozen layer
    # The low-rank path through r dimensions, (..., in) -> (..., r) -> (..., out); never
    # form the (in, out) product a @ b_lora, which is what LoRA saves.
    update = (x @ a) @ b_lora
    return base + (alpha / r) * update  # true division: alpha=16, r=6 scales by 2.67


def lora_merge(
    w: np.ndarray, a: np.ndarray, b_lora: np.ndarray, alpha: float, r: int
) -> np.ndarray:
    # (in, out) + (in, r) @ (r, out): the same layer with no extra work at inference.
    return w + (alpha / r) * (a @ b_lora)  # a new array: w itself is left as it was
