# expect: without any scaling
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + b + x @ a @ b_lora


def lora_merge(w, a, b_lora, alpha, r):
    return w + a @ b_lora
