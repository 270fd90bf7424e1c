"""The flash-attention kata's memory limit fails the whole score matrix and nothing
else: other correct loop orders (a block of queries against every key, every query
against a block of keys) pass, and the full matrix fails on the large case alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from tests.kata_helpers import FIXTURES

QUERY_BLOCKS_AGAINST_ALL_KEYS = """
import numpy as np

def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    o = np.empty(q.shape[:-1] + v.shape[-1:], q.dtype)
    lse = np.empty(q.shape[:-1], q.dtype)
    for i in range(0, L, block_q):
        s = q[..., i:i + block_q, :] @ np.swapaxes(k, -1, -2) / q.shape[-1] ** 0.5
        if causal:
            rows = S - L + np.arange(i, i + s.shape[-2])[:, None]
            s = np.where(np.arange(S)[None, :] <= rows, s, -np.inf)
        m = s.max(axis=-1, keepdims=True)
        p = np.exp(s - m)
        l = p.sum(axis=-1, keepdims=True)
        o[..., i:i + block_q, :] = p @ v / l
        lse[..., i:i + block_q] = (m + np.log(l))[..., 0]
    return o, lse
"""

ALL_QUERIES_AGAINST_KEY_BLOCKS = """
import numpy as np

def flash_attention(q, k, v, block_q=32, block_k=32, causal=False):
    L, S = q.shape[-2], k.shape[-2]
    qs = q / q.shape[-1] ** 0.5
    m = np.full(q.shape[:-1] + (1,), -np.inf, q.dtype)
    l = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + v.shape[-1:], q.dtype)
    for j in range(0, S, block_k):
        s = qs @ np.swapaxes(k[..., j:j + block_k, :], -1, -2)
        if causal:
            rows = S - L + np.arange(L)[:, None]
            s = np.where(np.arange(j, j + s.shape[-1])[None, :] <= rows, s, -np.inf)
        m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
        alpha, p = np.exp(m - m_new), np.exp(s - m_new)
        l = alpha * l + p.sum(axis=-1, keepdims=True)
        acc = alpha * acc + p @ v[..., j:j + block_k, :]
        m = m_new
    return acc / l, (m + np.log(l))[..., 0]
"""


@pytest.mark.parametrize("body", [QUERY_BLOCKS_AGAINST_ALL_KEYS, ALL_QUERIES_AGAINST_KEY_BLOCKS],
                         ids=["query-blocks", "key-blocks"])  # fmt: skip
def test_other_loop_orders_pass_within_the_limit(tmp_path: Path, body: str) -> None:
    path = tmp_path / "flash_attention_numpy.py"
    path.write_text(body, encoding="utf-8")
    report = grade(find_kata("flash-attention"), path)
    assert report.status is GradeStatus.PASSED, report.to_json()


def test_the_full_score_matrix_fails_on_the_large_case_only() -> None:
    path = FIXTURES / "flash-attention" / "wrong_full_score_matrix.py"
    report = grade(find_kata("flash-attention"), path)
    failed = [c for c in report.cases if not c.passed]
    assert [c.name.split(":")[0] for c in failed] == ["large"]
    assert failed[0].message.startswith("right values, but the call held")
    assert "over this case's limit of 24.0 MiB" in failed[0].message
    assert report.diagnosis is None
