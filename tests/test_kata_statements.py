"""Every `>>>` example of every statement runs as written against the reference and
prints what it says, numbers compared at the precision they are printed with."""

from __future__ import annotations

import pytest

from interviewprep.katas.examples import run_examples, same_at_printed_precision
from tests.kata_helpers import KATA_NAMES, KATAS


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_every_statement_example_prints_what_it_says(kata) -> None:  # type: ignore[no-untyped-def]
    results = run_examples(kata)
    wrong = [f"statement.md line {r.line}: {r.source}\n  says: {r.want}\n  gives: {r.got}"
             for r in results if not r.passed]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_every_statement_with_code_has_an_example_that_runs() -> None:
    # A statement whose only example is prose (multi-head attention's) proves nothing,
    # but one with `>>>` lines must have them all run: counted here so none is skipped.
    counted = {k.name: len(run_examples(k)) for k in KATAS}
    assert counted["attention"] >= 2 and counted["beam-search"] >= 2


@pytest.mark.parametrize(
    ("want", "got", "same"),
    [
        ("array([[1.66976155, 2.66976155]])", "array([[1.6604769, 2.6604769]])", False),
        ("array([[-1.22473977,  0.        ,  1.22473977]])",
         "array([[-1.22473569,  0.        ,  1.22473569]])", False),
        ("array([[0.8485281, 1.1313708]])", "array([[0.8485281, 1.1313708]])", True),
        ("array([[0.84852811, 1.13137082]])", "array([[0.8485281, 1.1313708]])", False),
        ("array([0.09003057, 0.24472847])", "array([0.090030573, 0.244728471])", True),
        ("1.5e-05", "1.52e-05", True),
        ("(array([2, 3]), -0.978166...)", "(array([2, 3]), -0.9781661292)", True),
        ("(array([2, 3]), -0.978166...)", "(array([2, 3, 1]), -0.9781661292)", False),
        ("array([-inf,   3., -inf])", "array([-inf, 3., -inf])", True),
        ("array([0.5, 0.5])", "array([0.5, 0.6])", False),
        ("1.5811388300841898", "np.float64(1.5811388300841898)", False),
        ("6", "7", False),
    ],
)
def test_numbers_are_compared_at_their_printed_precision(want: str, got: str,
                                                         same: bool) -> None:  # fmt: skip
    assert same_at_printed_precision(want, got) is same
