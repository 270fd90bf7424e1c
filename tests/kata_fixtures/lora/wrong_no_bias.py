# expect: without its bias b
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + (alpha / r) * ((x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return w + (alpha / r) * (a @ b_lora)
