# expect: without subtracting the row maximum
import numpy as np


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    losses = np.logaddexp(0.0, -beta * logits)
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(logits, labels, loss_mask):
    probs = np.exp(logits[:, :-1])
    probs = probs / probs.sum(axis=-1, keepdims=True)
    picked = np.take_along_axis(np.log(probs), labels[:, 1:, None], axis=-1).squeeze(-1)
    return np.where(loss_mask[:, 1:], picked, 0.0).sum(-1)
