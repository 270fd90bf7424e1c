import torch


def beam_search(
    step_logprobs: torch.Tensor, start: int, beam_width: int, max_len: int, eos: int
) -> tuple[torch.Tensor, float]:
    """Beam search over a bigram model; return the best sequence and its log-probability.

    Args:
        step_logprobs: (V, V); row a holds log P(next token | last token a).
        start: the token the search starts from (not part of the result).
        beam_width: how many hypotheses are kept at each step.
        max_len: at most this many tokens are generated (eos included).
        eos: the token that ends a hypothesis.

    Returns:
        (tokens, log_prob): the generated tokens (1-D int64 tensor or list, without start,
        ending with eos if it ended) and the sum of their log-probabilities.
    """
    raise NotImplementedError
