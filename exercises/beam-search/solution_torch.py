import torch


def beam_search(
    step_logprobs: torch.Tensor, start: int, beam_width: int, max_len: int, eos: int
) -> tuple[torch.Tensor, float]:
    vocab = step_logprobs.shape[-1]
    tokens = torch.empty(1, 0, dtype=torch.int64)  # (beams, length so far)
    scores = torch.zeros(1, dtype=step_logprobs.dtype)  # (beams,)
    last = torch.tensor([start])
    finished: list[tuple[torch.Tensor, float]] = []
    for _ in range(max_len):
        # Every beam times every next token, as one (beams * vocab) vector of totals.
        totals = (scores[:, None] + step_logprobs[last]).reshape(-1)
        top = torch.topk(totals, min(beam_width, totals.numel()))
        beam, token = top.indices // vocab, top.indices % vocab
        tokens = torch.cat([tokens[beam], token[:, None]], dim=1)
        scores = top.values
        ended = token == eos
        finished += [(tokens[i], float(scores[i])) for i in torch.nonzero(ended)[:, 0]]
        tokens, scores, last = tokens[~ended], scores[~ended], token[~ended]
        if tokens.shape[0] == 0:
            break
    finished += [(tokens[i], float(scores[i])) for i in range(tokens.shape[0])]
    return max(finished, key=lambda c: c[1])
