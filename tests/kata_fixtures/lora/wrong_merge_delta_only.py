# expect: the update alone
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + b + (alpha / r) * ((x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return (alpha / r) * (a @ b_lora)
