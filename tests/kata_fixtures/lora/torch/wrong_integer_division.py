# expect: an integer division
import torch


def lora_forward(x, w, b, a, b_lora, alpha, r):
    scaling = alpha // r  # both are ints in the config, so // looked natural
    return x @ w + b + scaling * (x @ a @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return torch.add(w, a @ b_lora, alpha=alpha // r)
