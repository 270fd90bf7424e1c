import math

import torch


def attend_with_cache(
    q: torch.Tensor, k_new: torch.Tensor, v_new: torch.Tensor,
    k_cache: torch.Tensor, v_cache: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    k = torch.cat([k_cache, k_new], dim=-2)  # (..., L+1, d_k)
    v = torch.cat([v_cache, v_new], dim=-2)  # (..., L+1, d_v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (..., 1, L+1)
    return torch.softmax(scores, dim=-1) @ v, k, v
