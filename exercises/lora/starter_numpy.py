import numpy as np


def lora_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, a: np.ndarray, b_lora: np.ndarray,
    alpha: float, r: int,
) -> np.ndarray:
    """A linear layer with a LoRA adapter: x @ w + b + (alpha / r) * (x @ a) @ b_lora.

    Args:
        x: (..., in).
        w: (in, out), the frozen weight; b: (out,), its bias.
        a: (in, r), the adapter's down-projection; b_lora: (r, out), its up-projection.
        alpha: the LoRA scale numerator; r: the rank.

    Returns:
        (..., out), in the dtype of x.
    """
    raise NotImplementedError


def lora_merge(
    w: np.ndarray, a: np.ndarray, b_lora: np.ndarray, alpha: float, r: int
) -> np.ndarray:
    """The merged weight w + (alpha / r) * a @ b_lora, as a new array (w is not modified).

    Args:
        w: (in, out); a: (in, r); b_lora: (r, out).
        alpha: the LoRA scale numerator; r: the rank.

    Returns:
        (in, out), in the dtype of w.
    """
    raise NotImplementedError
