# expect: a naive log-sigmoid
import torch


def dpo_loss(pi_chosen, pi_rejected, ref_chosen, ref_rejected, beta=0.1):
    logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)
    loss = -torch.log(torch.sigmoid(beta * logits)).mean()
    return loss, beta * (pi_chosen - ref_chosen), beta * (pi_rejected - ref_rejected)


def sequence_logps(logits, labels, loss_mask):
    logps = logits[:, :-1].log_softmax(-1)
    picked = torch.gather(logps, 2, labels[:, 1:].unsqueeze(2)).squeeze(2)
    return (picked * loss_mask[:, 1:]).sum(-1)
