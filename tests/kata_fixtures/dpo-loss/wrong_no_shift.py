# expect: scored against the token at their own position
import numpy as np


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    losses = np.logaddexp(0.0, -beta * logits)
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(logits, labels, loss_mask):
    m = logits.max(axis=-1, keepdims=True)
    logps = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(logps, labels[..., None], axis=-1).squeeze(-1)
    return np.where(loss_mask, picked, 0.0).sum(-1)
