# expect: stops as soon as one hypothesis ends
import numpy as np


def beam_search(step_logprobs, start, beam_width, max_len, eos):
    beams = [([], 0.0)]
    for _ in range(max_len):
        candidates = []
        for tokens, score in beams:
            last = tokens[-1] if tokens else start
            for v in range(step_logprobs.shape[1]):
                candidates.append(([*tokens, v], score + step_logprobs[last, v]))
        candidates.sort(key=lambda c: c[1], reverse=True)
        beams = candidates[:beam_width]
        done = [c for c in beams if c[0][-1] == eos]
        if done:
            return np.array(done[0][0]), float(done[0][1])
    return np.array(beams[0][0]), float(beams[0][1])
