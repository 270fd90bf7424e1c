# expect: scaled by r / alpha
def lora_forward(x, w, b, a, b_lora, alpha, r):
    scale = r / alpha
    return x @ w + b + scale * ((x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return w + (r / alpha) * (a @ b_lora)
