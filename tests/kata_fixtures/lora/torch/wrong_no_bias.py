# expect: without its bias b
import torch


def lora_forward(x, w, b, a, b_lora, alpha, r):
    base = torch.matmul(x, w)
    return base + (alpha / r) * torch.matmul(torch.matmul(x, a), b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return w + (alpha / r) * (a @ b_lora)
