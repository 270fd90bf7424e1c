# expect: eps added outside the square root

def rms_norm(x, gamma, eps=1e-6):
    return x / (x.pow(2).mean(dim=-1, keepdim=True).sqrt() + eps) * gamma
