import torch


def softmax(x: torch.Tensor, axis: int = -1) -> torch.Tensor:
    # The max subtraction cancels in the ratio and keeps exp from overflowing.
    shifted = x - x.amax(dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=axis, keepdim=True)
