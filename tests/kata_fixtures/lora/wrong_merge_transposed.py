# expect: error; the update transposed
def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + b + (alpha / r) * ((x @ a) @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    # peft's layout: delta_W = B @ A is (out, in)
    return w + (alpha / r) * (b_lora.T @ a.T)
