# expect: alpha / sqrt(r) (rsLoRA's rule)
import math


def lora_forward(x, w, b, a, b_lora, alpha, r):
    scaling = alpha / math.sqrt(r)
    return x @ w + b + scaling * (x @ a @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return w + alpha / math.sqrt(r) * (a @ b_lora)
