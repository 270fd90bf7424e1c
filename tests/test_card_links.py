"""Optional card fields that link a card to its kata and to its primary sources."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from interviewprep.bank.library import bank_files, load_files
from interviewprep.cli.render import card_view, explanation_panel
from tests.banks import HEADER

CARD = """\
  - id: t-linked
    type: short
    prompt: Which operation turns scores into weights?
    answer: softmax
    explanation: Softmax normalises exponentiated scores.
    tags: [attention]
    difficulty: easy
    source: "Beyond the guide: attention"
"""


def load(path: Path):  # type: ignore[no-untyped-def]
    files, _ = bank_files([path])
    return load_files(files)


def render(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(renderable)
    return out.getvalue()


def test_kata_and_refs_load(write_bank) -> None:
    extra = '    kata: softmax\n    refs: ["Vaswani et al. 2017, Attention Is All You Need"]\n'
    library = load(write_bank(HEADER + CARD + extra))
    assert library.problems == []
    card = library.cards["t-linked"]
    assert card.kata == "softmax"
    assert card.refs == ("Vaswani et al. 2017, Attention Is All You Need",)


def test_a_ref_without_a_year_is_refused(write_bank) -> None:
    library = load(write_bank(HEADER + CARD + '    refs: ["Attention Is All You Need"]\n'))
    assert len(library.problems) == 1
    problem = library.problems[0]
    assert problem.card_id == "t-linked" and problem.line == 12
    assert "has no year" in problem.message


def test_refs_must_be_a_list_and_kata_a_name(write_bank) -> None:
    library = load(write_bank(HEADER + CARD + "    refs: Vaswani 2017\n    kata: Soft Max\n"))
    messages = sorted(p.message for p in library.problems)
    assert len(messages) == 2
    assert "'kata' 'Soft Max' is not a kata name" in messages[0]
    assert "'refs' must be a list of texts" in messages[1]


def test_a_missed_card_points_at_its_kata(write_bank) -> None:
    library = load(write_bank(HEADER + CARD + "    kata: softmax\n    refs: [Bridle 1990]\n"))
    card = library.cards["t-linked"]
    missed = render(explanation_panel(card, missed=True))
    assert "interviewprep kata start softmax" in missed
    assert "Sources: Bridle 1990" in missed
    assert "kata start" not in render(explanation_panel(card, missed=False))
    assert "interviewprep kata start softmax" in render(card_view(card))
