# expect: 2 ** (cross-entropy in nats)
import torch


def perplexity(logits, targets):
    log_probs = torch.log_softmax(logits, dim=-1)
    picked = log_probs.gather(-1, targets[..., None])[..., 0]
    return 2.0 ** (-picked.mean())
