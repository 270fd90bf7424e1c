# expect: the prompt tokens counted
import numpy as np


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    losses = np.logaddexp(0.0, -beta * logits)
    return losses.mean(), beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(logits, labels, loss_mask):
    logits = logits[:, :-1]
    m = logits.max(axis=-1, keepdims=True)
    logps = logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    return np.take_along_axis(logps, labels[:, 1:, None], axis=-1).squeeze(-1).sum(-1)
