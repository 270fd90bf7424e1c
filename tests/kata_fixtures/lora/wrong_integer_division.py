# expect: an integer division
def lora_forward(x, w, b, a, b_lora, alpha, r):
    scaling = alpha // r
    return x @ w + b + scaling * ((x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    scaling = alpha // r
    return w + scaling * (a @ b_lora)
