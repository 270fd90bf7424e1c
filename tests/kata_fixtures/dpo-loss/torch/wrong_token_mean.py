# expect: a per-token mean instead of the sum
import torch.nn.functional as F


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    loss = -F.logsigmoid(beta * logits).mean()
    return loss, beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(-1).gather(2, labels[:, 1:].unsqueeze(2)).squeeze(2)
    mask = loss_mask[:, 1:]
    return (logps * mask).sum(-1) / mask.sum(-1)
