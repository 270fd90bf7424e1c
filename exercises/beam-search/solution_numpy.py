import numpy as np


def beam_search(
    step_logprobs: np.ndarray, start: int, beam_width: int, max_len: int, eos: int
) -> tuple[np.ndarray, float]:
    vocab = step_logprobs.shape[-1]
    beams: list[tuple[list[int], float]] = [([], 0.0)]  # (generated tokens, total log-prob)
    finished: list[tuple[list[int], float]] = []
    for _ in range(max_len):
        candidates = []
        for tokens, score in beams:
            last = tokens[-1] if tokens else start
            for v in range(vocab):
                # Log-probabilities add up: the product of the probabilities, without underflow.
                candidates.append(([*tokens, v], score + float(step_logprobs[last, v])))
        candidates.sort(key=lambda c: -c[1])  # stable: equal scores keep their order
        top = candidates[:beam_width]
        # A hypothesis that ends in eos is complete: it leaves the beam, which narrows.
        finished += [c for c in top if c[0][-1] == eos]
        beams = [c for c in top if c[0][-1] != eos]
        if not beams:
            break
    finished += beams  # those still open after max_len tokens are complete too
    best_tokens, best_score = max(finished, key=lambda c: c[1])  # no length normalisation
    return np.array(best_tokens, dtype=np.int64), best_score
