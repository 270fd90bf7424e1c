# expect: alpha / sqrt(r) (rsLoRA's rule)
import math

import torch


def lora_forward(x, w, b, a, b_lora, alpha, r):
    scaling = alpha / math.sqrt(r)  # peft's use_rslora=True
    flat = x.reshape(-1, a.shape[0])
    update = torch.linalg.multi_dot([flat, a, b_lora]).reshape(*x.shape[:-1], -1)
    return x @ w + b + scaling * update


def lora_merge(w, a, b_lora, alpha, r):
    return w + alpha / math.sqrt(r) * (a @ b_lora)
