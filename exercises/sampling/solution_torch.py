import numpy as np
import torch


def sample(
    logits: torch.Tensor,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> torch.Tensor:
    if temperature == 0:
        return logits.argmax(dim=-1)
    scaled = logits / temperature
    if top_k is not None and top_k < scaled.shape[-1]:
        kth = torch.topk(scaled, top_k, dim=-1).values[..., -1:]
        scaled = scaled.masked_fill(scaled < kth, float("-inf"))
    if top_p is not None:
        # Hugging Face's rule: ascending sort, drop the tail with mass <= 1 - p.
        sorted_logits, order = torch.sort(scaled, dim=-1)
        remove = sorted_logits.softmax(dim=-1).cumsum(dim=-1) <= 1 - top_p
        remove[..., -1:] = False
        scaled = scaled.masked_fill(remove.scatter(-1, order, remove), float("-inf"))
    # Inverse CDF with uniforms from rng (torch.multinomial would use torch's global RNG).
    cdf = torch.softmax(scaled, dim=-1).cumsum(dim=-1)  # (batch, vocab)
    u = torch.from_numpy(rng.random((scaled.shape[0], 1))).to(cdf.dtype)
    ids = torch.searchsorted(cdf, u * cdf[..., -1:], right=True).squeeze(-1)
    # A filtered token has probability 0, so its cdf step is empty and it is never chosen.
    return ids.clamp(max=scaled.shape[-1] - 1)
