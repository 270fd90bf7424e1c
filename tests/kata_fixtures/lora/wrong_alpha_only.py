# expect: scaled by alpha alone
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + b + alpha * (x @ a @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    return w + alpha * (a @ b_lora)
