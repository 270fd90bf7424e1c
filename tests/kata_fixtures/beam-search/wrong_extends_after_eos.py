# expect: keeps extending hypotheses after eos
import numpy as np


def beam_search(step_logprobs, start, beam_width, max_len, eos):
    beams = [([], 0.0)]
    for _ in range(max_len):
        candidates = []
        for tokens, score in beams:
            last = tokens[-1] if tokens else start
            for v in range(step_logprobs.shape[1]):
                candidates.append(([*tokens, v], score + step_logprobs[last, v]))
        beams = sorted(candidates, key=lambda c: c[1], reverse=True)[:beam_width]
    best = beams[0]
    return np.array(best[0]), float(best[1])
