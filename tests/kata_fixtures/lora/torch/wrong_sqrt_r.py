# expect: alpha / sqrt(r) (rsLoRA's rule)
import math

import torch


def lora_forward(x, w, b, a, b_lora, alpha, r):
    scaling = alpha / math.sqrt(r)  # peft's use_rslora=True
    return x @ w + b + scaling * torch.linalg.multi_dot([x.reshape(-1, a.shape[0]), a, b_lora]).reshape(
        *x.shape[:-1], -1
    )


def lora_merge(w, a, b_lora, alpha, r):
    return w + alpha / math.sqrt(r) * (a @ b_lora)
