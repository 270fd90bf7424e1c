"""Test specification of the dpo-loss kata (dpo_loss and sequence_logps)."""

from __future__ import annotations

from typing import Any

import numpy as np

from interviewprep.katas.spec import Case, KataSpec, Mistake


def cases() -> list[Case]:
    rng = np.random.default_rng(20261216)

    def pairs(b: int, margin: float = 0.0, dtype: Any = np.float64) -> tuple[Any, ...]:
        """Summed log-probabilities of responses (about -40), the policy near the
        reference; a margin > 0 makes the policy's rejected responses that much less
        likely, a margin < 0 its chosen ones (log-probabilities stay negative)."""
        ref_c, ref_r = -40.0 + 5.0 * rng.standard_normal((2, b))
        pi_c = ref_c + 2.0 * rng.standard_normal(b) - max(0.0, -margin)
        pi_r = ref_r + 2.0 * rng.standard_normal(b) - max(0.0, margin)
        return tuple(np.asarray(a, dtype=dtype) for a in (pi_c, pi_r, ref_c, ref_r))

    def far(size: float, dtype: Any = np.float64) -> tuple[Any, ...]:
        """Four pairs with margins of about +size, -size, +size, -size."""
        pi_c, pi_r, ref_c, ref_r = pairs(4)
        pi_r[::2] -= size  # rows 0 and 2: the policy all but rules out the rejected
        pi_c[1::2] -= size  # rows 1 and 3: ... the chosen
        return tuple(a.astype(dtype) for a in (pi_c, pi_r, ref_c, ref_r))

    def seq(b: int, t: int, v: int, starts: list[int], ends: list[int] | None = None,
            scale: float = 2.0, dtype: Any = np.float64) -> tuple[Any, Any, Any]:
        """logits, labels, and a mask that is True from each row's response start to its
        end (padding after the end)."""
        logits = (rng.standard_normal((b, t, v)) * scale).astype(dtype)
        labels = rng.integers(0, v, (b, t))
        pos = np.arange(t)
        ends_ = np.asarray(ends if ends is not None else [t] * b)
        mask = (pos >= np.asarray(starts)[:, None]) & (pos < ends_[:, None])
        return logits, labels, mask

    return [
        Case("a batch of 4 pairs, beta = 0.1 (the default)", pairs(4)),
        Case("a batch of 6, beta = 0.5", pairs(6), {"beta": 0.5}),
        Case("the policy prefers chosen by 100 (margin +100)", pairs(3, margin=100.0)),
        Case("margins of -100: the policy prefers the rejected responses",
             pairs(3, margin=-100.0)),
        Case("margins of +-2000, beta = 0.5: beta * margin = +-1000 (a naive "
             "log-sigmoid overflows)", far(2000.0), {"beta": 0.5}),
        Case("one pair", pairs(1)),
        Case("policy equals the reference: loss log 2, rewards 0",
             (np.array([-12.0, -30.0]), np.array([-15.0, -20.0]),
              np.array([-12.0, -30.0]), np.array([-15.0, -20.0]))),
        Case("float32, beta = 1, margins of +-200 (float32's exp overflows past 88)",
             far(200.0, np.float32), {"beta": 1.0}),
        Case("float32, a batch of 5 (beta = 0.1)", pairs(5, dtype=np.float32)),
        Case("sequence_logps: responses starting at 2, 4 and 6 (3, 8, 11)",
             seq(3, 8, 11, starts=[2, 4, 6]), function="sequence_logps"),
        Case("sequence_logps: padding after the response (2, 10, 9)",
             seq(2, 10, 9, starts=[3, 1], ends=[7, 9]), function="sequence_logps"),
        Case("sequence_logps: a row with no response token (sum 0)",
             seq(3, 6, 7, starts=[2, 6, 4]), function="sequence_logps"),
        Case("sequence_logps: logits scaled by 1000 (a naive softmax overflows)",
             seq(2, 7, 13, starts=[1, 3], scale=1000.0), function="sequence_logps"),
        Case("sequence_logps: one row, response from position 1 (1, 5, 6)",
             seq(1, 5, 6, starts=[1]), function="sequence_logps"),
        Case("sequence_logps: float32 (4, 12, 50)",
             seq(4, 12, 50, starts=[2, 5, 3, 8], ends=[12, 10, 12, 11], dtype=np.float32),
             function="sequence_logps"),
    ]


# -- variants of dpo_loss ---------------------------------------------------------------


def _dpo(*, swap: bool = False, beta_outside: bool = False, naive: str = "",
         ref_sign: float = -1.0, reduce: str = "mean", rewards: str = "beta",
         no_ref: bool = False) -> Any:
    def dpo_loss(pi_c: Any, pi_r: Any, ref_c: Any, ref_r: Any, beta: float = 0.1) -> Any:
        margin = (pi_c - pi_r) + ref_sign * (ref_c - ref_r)
        if no_ref:
            margin = pi_c - pi_r
        if swap:
            margin = -margin
        z = margin if beta_outside else beta * margin
        if naive == "sigmoid":
            losses = -np.log(1.0 / (1.0 + np.exp(-z)))
        elif naive == "log1p":
            losses = np.log1p(np.exp(-z))
        else:
            losses = np.logaddexp(0.0, -z)
        if beta_outside:
            losses = beta * losses
        loss = losses.sum() if reduce == "sum" else losses.mean()
        if rewards == "no beta":
            return loss, pi_c - ref_c, pi_r - ref_r
        if rewards == "policy":
            return loss, beta * pi_c, beta * pi_r
        return loss, beta * (pi_c - ref_c), beta * (pi_r - ref_r)

    return dpo_loss


# -- variants of sequence_logps --------------------------------------------------------


def _log_softmax(logits: Any) -> Any:
    m = logits.max(axis=-1, keepdims=True)
    return logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))


def _naive_log_softmax(logits: Any) -> Any:
    e = np.exp(logits)
    return np.log(e / e.sum(axis=-1, keepdims=True))


def _logps(*, shift: str = "labels", mask: str = "shifted", reduce: str = "sum",
           log_probs: Any = _log_softmax) -> Any:
    def sequence_logps(logits: Any, labels: Any, loss_mask: Any) -> Any:
        if shift == "labels":
            lg, lb = logits[:, :-1], labels[:, 1:]
            mk = loss_mask[:, 1:] if mask == "shifted" else loss_mask[:, :-1]
        elif shift == "reversed":
            lg, lb, mk = logits[:, 1:], labels[:, :-1], loss_mask[:, :-1]
        else:  # no shift
            lg, lb, mk = logits, labels, loss_mask
        if mask == "none":
            mk = np.ones_like(mk)
        picked = np.take_along_axis(log_probs(lg), lb[..., None], axis=-1)[..., 0]
        total = np.where(mk, picked, 0.0).sum(axis=-1)
        if reduce == "token mean":
            return total / mk.sum(axis=-1)
        if reduce == "mean":
            return total / mk.shape[-1]
        return total

    return sequence_logps


def _raw_logits(logits: Any, labels: Any, loss_mask: Any) -> Any:
    picked = np.take_along_axis(logits[:, :-1], labels[:, 1:, None], axis=-1)[..., 0]
    return np.where(loss_mask[:, 1:], picked, 0.0).sum(axis=-1)


NAIVE_SIGMOID = ("your output matches a naive log-sigmoid, log(sigmoid(z)) or log(1 + "
                 "exp(-z)): it overflows at large margins; -logsigmoid(z) = logaddexp(0, "
                 "-z) (torch: -F.logsigmoid(z)) stays finite")


def torch_dpo(pi_c: Any, pi_r: Any, ref_c: Any, ref_r: Any, beta: float = 0.1) -> Any:
    import torch
    import torch.nn.functional as F

    t = torch.from_numpy
    margin = (t(pi_c) - t(pi_r)) - (t(ref_c) - t(ref_r))
    loss = -F.logsigmoid(beta * margin).mean()
    return (loss.numpy(), (beta * (t(pi_c) - t(ref_c))).numpy(),
            (beta * (t(pi_r) - t(ref_r))).numpy())  # fmt: skip


def torch_sequence_logps(logits: Any, labels: Any, loss_mask: Any) -> Any:
    import torch

    # As TRL's DPOTrainer (get_batch_logps): shift, gather the log-softmax, mask, sum.
    lg = torch.from_numpy(logits)[:, :-1]
    lb = torch.from_numpy(labels)[:, 1:]
    mask = torch.from_numpy(loss_mask)[:, 1:]
    per_token = torch.gather(lg.log_softmax(-1), dim=2, index=lb.unsqueeze(2)).squeeze(2)
    return (per_token * mask).sum(-1).numpy()


SEQ = "sequence_logps"

SPEC = KataSpec(
    cases=cases,
    mistakes=[
        Mistake("your output matches chosen and rejected swapped (the margin's sign "
                "flipped): the loss is -logsigmoid(beta * ((pi_chosen - pi_rejected) - "
                "(ref_chosen - ref_rejected)))", _dpo(swap=True)),
        Mistake("your output matches beta outside the log-sigmoid, -beta * "
                "logsigmoid(margin): beta scales the margin inside it", _dpo(beta_outside=True)),
        Mistake(NAIVE_SIGMOID, _dpo(naive="sigmoid")),
        Mistake(NAIVE_SIGMOID, _dpo(naive="log1p")),
        Mistake("your output matches the reference's log-ratio added instead of "
                "subtracted: margin = (pi_chosen - pi_rejected) - (ref_chosen - "
                "ref_rejected)", _dpo(ref_sign=1.0)),
        Mistake("your output matches the reference model left out of the margin: DPO "
                "compares the policy's log-ratio with the reference's",
                _dpo(no_ref=True)),
        Mistake("your output matches the sum of the per-pair losses: the loss is their "
                "mean over the batch", _dpo(reduce="sum")),
        Mistake("your output matches rewards without beta: the implicit reward is beta "
                "* (pi - ref)", _dpo(rewards="no beta")),
        Mistake("your output matches rewards from the policy alone: the implicit reward "
                "is beta * (pi - ref), the log-ratio to the reference", _dpo(rewards="policy")),
        Mistake("your output matches a per-token mean instead of the sum: DPO scores a "
                "response by the sum of its tokens' log-probabilities",
                _logps(reduce="token mean"), variant_of=SEQ),
        Mistake("your output matches the sum divided by the sequence length: DPO scores "
                "a response by the plain sum of its tokens' log-probabilities",
                _logps(reduce="mean"), variant_of=SEQ),
        Mistake("your output matches the prompt tokens counted: only the positions where "
                "loss_mask[:, 1:] is True count", _logps(mask="none"), variant_of=SEQ),
        Mistake("your output matches logits scored against the token at their own "
                "position: the logits at t predict labels[:, t + 1]",
                _logps(shift="none"), variant_of=SEQ),
        Mistake("your output matches the mask left unshifted (loss_mask[:, :-1]) while "
                "the labels are shifted: shift the mask with the labels, loss_mask[:, 1:]",
                _logps(mask="unshifted"), variant_of=SEQ),
        Mistake("your output matches the shift reversed: logits[:, 1:] scored against "
                "labels[:, :-1]; the logits at t predict the token at t + 1",
                _logps(shift="reversed"), variant_of=SEQ),
        Mistake("your output matches the raw logits used as log-probabilities: take the "
                "log-softmax over the vocabulary first", _raw_logits, variant_of=SEQ),
        Mistake("your output matches a log-softmax without subtracting the row maximum: "
                "exp overflows on large logits", _logps(log_probs=_naive_log_softmax),
                variant_of=SEQ),
    ],
    torch_oracle={"dpo_loss": torch_dpo, SEQ: torch_sequence_logps},
)
