# expect: error; applied as x @ w.T
import torch.nn.functional as F


def swiglu(x, w_gate, w_up, w_down):
    # F.linear takes nn.Linear's (out, in) weight and applies it as x @ weight.T
    return F.linear(F.silu(F.linear(x, w_gate)) * F.linear(x, w_up), w_down)
