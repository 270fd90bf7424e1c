# expect: greedy decoding
import numpy as np


def beam_search(step_logprobs, start, beam_width, max_len, eos):
    tokens, score, last = [], 0.0, start
    for _ in range(max_len):
        nxt = int(np.argmax(step_logprobs[last]))
        tokens.append(nxt)
        score += float(step_logprobs[last, nxt])
        last = nxt
        if nxt == eos:
            break
    return np.array(tokens), score
