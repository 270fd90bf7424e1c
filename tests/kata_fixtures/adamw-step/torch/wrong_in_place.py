# expect: in place


def adamw_step(param, grad, m, v, t, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    beta1, beta2 = betas
    m.mul_(beta1).add_(grad, alpha=1 - beta1)
    v.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    denom = (v / (1 - beta2**t)).sqrt_().add_(eps)
    param.mul_(1 - lr * weight_decay).addcdiv_(m, denom, value=-lr / (1 - beta1**t))
    return param, m, v
