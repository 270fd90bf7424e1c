# expect: aligned top-left
import torch.nn.functional as F


def grouped_query_attention(q, k, v, causal=False):
    group = q.shape[1] // k.shape[1]
    k = k.repeat_interleave(group, dim=1)
    v = v.repeat_interleave(group, dim=1)
    # is_causal=True masks with tril(ones(L, S)): top-left, wrong when L < S (decoding)
    return F.scaled_dot_product_attention(q, k, v, is_causal=causal)
