# expect: independent greedy searches
import torch


def beam_search(step_logprobs, start, beam_width, max_len, eos):
    # k searches in parallel: the k best first tokens, then each one greedily on its own.
    first = torch.argsort(-step_logprobs[start], stable=True)[:beam_width]
    finished = []
    for token in first:
        tokens, score = [int(token)], float(step_logprobs[start, token])
        while tokens[-1] != eos and len(tokens) < max_len:
            nxt = int(torch.argmax(step_logprobs[tokens[-1]]))
            tokens.append(nxt)
            score += float(step_logprobs[tokens[-2], nxt])
        finished.append((tokens, score))
    tokens, score = max(finished, key=lambda c: c[1])
    return torch.tensor(tokens), score
