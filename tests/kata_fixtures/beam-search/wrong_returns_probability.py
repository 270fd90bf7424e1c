# expect: your score is the probability
import numpy as np


def beam_search(step_logprobs, start, beam_width, max_len, eos):
    beams, finished = [([], 0.0)], []
    for _ in range(max_len):
        candidates = []
        for tokens, score in beams:
            last = tokens[-1] if tokens else start
            for v in range(step_logprobs.shape[1]):
                candidates.append(([*tokens, v], score + step_logprobs[last, v]))
        candidates.sort(key=lambda c: c[1], reverse=True)
        top = candidates[:beam_width]
        finished += [c for c in top if c[0][-1] == eos]
        beams = [c for c in top if c[0][-1] != eos]
        if not beams:
            break
    best = max(finished + beams, key=lambda c: c[1])
    return np.array(best[0]), float(np.exp(best[1]))  # the probability
