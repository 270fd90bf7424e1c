# expect: the gradient of the sum, not the mean
import torch


def softmax_cross_entropy_grad(logits, targets, ignore_index=-100):
    probs = torch.softmax(logits, dim=-1)
    valid = targets != ignore_index
    onehot = torch.nn.functional.one_hot(torch.where(valid, targets, 0), logits.shape[-1])
    return (probs - onehot) * valid.unsqueeze(-1)
