# expect: NaN where exp(z) overflows
import torch


def swiglu(x, w_gate, w_up, w_down):
    gate = x @ w_gate
    e = torch.exp(gate)
    return (gate * e / (1 + e) * (x @ w_up)) @ w_down
