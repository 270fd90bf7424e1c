"""Katas that return plain Python values (bpe-merge): the trip from the child and the
comparison by equality."""

from __future__ import annotations

import textwrap
from pathlib import Path

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.compare import compare_value, values_equal
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import decode_plain


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bpe_merge_numpy.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_list_for_the_pair_and_numpy_counts_pass(tmp_path: Path) -> None:
    reference = find_kata("bpe-merge").solution("numpy").read_text(encoding="utf-8")
    wrapped = reference.replace("def bpe_merge_step(", "def _reference(", 1) + textwrap.dedent(
        """

        def bpe_merge_step(words):
            import numpy as np

            pair, new = _reference(words)
            pair = None if pair is None else list(pair)
            return pair, {k: np.int64(v) for k, v in new.items()}
        """
    )
    report = grade(find_kata("bpe-merge"), _write(tmp_path, wrapped), "numpy")
    assert report.status is GradeStatus.PASSED, report.to_json()


def test_a_value_that_is_not_plain_data_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, """
        class Anything:
            def __eq__(self, other):
                return True


        def bpe_merge_step(words):
            return Anything(), {}
    """)  # fmt: skip
    report = grade(find_kata("bpe-merge"), path, "numpy")
    assert report.status is GradeStatus.FAILED
    assert "not a plain Python value" in report.cases[0].message


def test_returning_the_input_unchanged_names_the_missing_merge(tmp_path: Path) -> None:
    path = _write(tmp_path, """
        def bpe_merge_step(words):
            return ("e", "s"), words
    """)  # fmt: skip
    report = grade(find_kata("bpe-merge"), path, "numpy")
    assert report.status is GradeStatus.FAILED
    first = report.cases[0]
    assert "output[1]" in first.message and "missing key" in first.message


def test_plain_values_round_trip_and_compare() -> None:
    encoded = {"tuple": [{"list": ["a", 1]}, {"dict": [[{"tuple": ["x", "y"]}, 2.5]]}]}
    assert decode_plain(encoded) == (["a", 1], {("x", "y"): 2.5})
    assert values_equal(("a", "b"), ["a", "b"])
    assert not values_equal({("a",): 1}, {("a",): 2})
    comparison = compare_value({("a", "b"): 1}, {("a", "b"): 2})
    assert not comparison.passed and "expected 1, got 2" in comparison.message
