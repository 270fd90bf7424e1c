# expect: the base layer alone
def lora_forward(x, w, b, a, b_lora, alpha, r):
    # the adapter is "merged later", so the forward pass is just the frozen layer
    return x @ w + b


def lora_merge(w, a, b_lora, alpha, r):
    return w + (alpha / r) * (a @ b_lora)
