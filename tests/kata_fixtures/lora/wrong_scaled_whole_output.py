# expect: -
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return (alpha / r) * (x @ w + b + (x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return (alpha / r) * (w + a @ b_lora)
