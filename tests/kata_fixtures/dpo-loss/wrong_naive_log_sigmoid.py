# expect: a naive log-sigmoid
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    margin = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    losses = -np.log(sigmoid(beta * margin))
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def sequence_logps(logits, labels, loss_mask):
    logps = log_softmax(logits[:, :-1])
    picked = np.take_along_axis(logps, labels[:, 1:, None], axis=-1).squeeze(-1)
    return (picked * loss_mask[:, 1:]).sum(-1)
