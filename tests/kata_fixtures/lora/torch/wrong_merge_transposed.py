# expect: error; the update transposed


def lora_forward(x, w, b, a, b_lora, alpha, r):
    return x @ w + b + (alpha / r) * (x @ a @ b_lora)


def lora_merge(w, a, b_lora, alpha, r):
    # peft's merge for nn.Linear: delta = lora_B.weight @ lora_A.weight, (out, in)
    delta = b_lora.T @ a.T
    return w + (alpha / r) * delta
