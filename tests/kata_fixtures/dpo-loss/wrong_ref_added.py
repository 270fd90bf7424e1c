# expect: the reference's log-ratio added
import numpy as np


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    margin = (pi_chosen - pi_rejected) + (ref_chosen - ref_rejected)
    losses = np.logaddexp(0.0, -beta * margin)
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def sequence_logps(logits, labels, loss_mask):
    logps = log_softmax(logits[:, :-1])
    picked = np.take_along_axis(logps, labels[:, 1:, None], axis=-1).squeeze(-1)
    return (picked * loss_mask[:, 1:]).sum(-1)
