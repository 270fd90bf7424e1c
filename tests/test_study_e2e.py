"""`interviewprep study` in a pseudo-terminal: answers, undo, Ctrl-C, SIGKILL, restart."""

from __future__ import annotations

import re
import signal

import pytest

from interviewprep.store import open_store
from interviewprep.store.reviews import load_records, reviews_for
from interviewprep.study.rating import Rating
from tests.banks import bank_text
from tests.cli import assert_clean_failure, run_cli
from tests.pty import DOWN, Terminal


@pytest.fixture
def bank(write_bank) -> str:
    # One shared source keeps the cards in file order: study introduces new cards in
    # the guide's section order, and these flows follow the order written here.
    text = bank_text("flashcard", "mcq", "short", "numeric", "cloze")
    text = re.sub(r"source: .*", "source: 'Beyond the guide: e2e'", text)
    return str(write_bank(text).parent)


def study(bank: str, *extra: str) -> Terminal:
    return Terminal("study", "--bank", bank, "--deck", "deck", *extra)


def test_answer_several_types_undo_then_ctrl_c(bank: str) -> None:
    term = study(bank)
    screen = term.expect(r"Enter: show the answer")
    assert "Card 1 of 5" in screen and "What does a weight do?" in screen
    term.send("\r")
    assert "Scales how much one input contributes" in term.expect(r"Rate: ")
    term.send("4")

    term.expect(r"Which model is decoder-only\?")
    term.choose("GPT")
    screen = term.expect(r"Enter keeps it")
    assert "✓ Correct" in screen
    # Right: Easy when quick, Good otherwise; Enter keeps what the screen proposed.
    proposed = re.search(r"Proposed (Easy|Good)", screen)
    assert proposed is not None, screen
    term.send("\r")

    term.expect(r"What does BPE stand for\?")
    term.expect(r"Your answer:")
    term.line("byte pair encodng")
    assert "✓ Correct" in term.expect(r"Enter keeps it")
    term.send("u")  # take it back: the card comes again
    assert "What does BPE stand for?" in term.expect(r"Your answer:")
    term.line("word piece")
    screen = term.expect(r"Enter keeps it")
    assert "✗ Not quite" in screen and "Expected: byte-pair encoding" in screen
    assert "Proposed Again" in screen
    term.send("\r")

    term.expect(r"GB of fp16 weights")
    term.expect(r"Your number")
    term.child.sendcontrol("c")
    assert "Every answer you gave is saved" in term.expect(r"Session summary")
    assert term.wait_exit() == 0

    with open_store() as store:
        rows = reviews_for(store)
        assert [(r.card_id, r.rating, r.correct) for r in rows] == [
            ("t-flash", 4, None),
            ("t-mcq", Rating[proposed.group(1).upper()], True),
            ("t-short", 1, False),
        ]
        assert rows[2].answer == "word piece"
        assert set(load_records(store)) == {"t-flash", "t-mcq", "t-short"}

    # Starting again: the forgotten card is in learning, the unanswered ones are new.
    term = study(bank)
    screen = term.expect(r"Your number")
    assert "GB of fp16 weights" in screen and "Card 1 of 3" in screen
    term.line("350 GB")
    assert "✓ Correct" in term.expect(r"Enter keeps it")
    term.send("q")
    term.expect(r"Session summary")
    assert term.wait_exit() == 0
    with open_store() as store:
        assert len(reviews_for(store)) == 4


def test_sigkill_keeps_every_given_answer(bank: str) -> None:
    term = study(bank)
    term.expect(r"Enter: show the answer")
    term.send("\r")
    term.expect(r"Rate: ")
    term.send("3")
    term.expect(r"Which model is decoder-only\?")
    term.choose("BERT")
    term.expect(r"Enter keeps it")  # the answer is committed before the rating prompt
    term.child.kill(signal.SIGKILL)
    term.wait_exit()
    with open_store() as store:
        rows = reviews_for(store)
    assert [(r.card_id, r.correct) for r in rows] == [("t-flash", None), ("t-mcq", False)]


def test_typed_commands_skip_and_suspend(bank: str) -> None:
    term = study(bank, "--new", "5")
    term.expect(r"Enter: show the answer")
    term.send("!")  # suspend the flashcard
    term.expect(r"Suspended")
    term.expect(r"Which model")
    term.choose("GPT")
    term.expect(r"Enter keeps it")
    term.send("\r")
    term.expect(r"Your answer:")
    term.line("/s")  # skip the short card
    term.expect(r"Your number")
    term.line("/q")
    term.expect(r"Session summary")
    term.wait_exit()
    with open_store() as store:
        assert [r.card_id for r in reviews_for(store)] == ["t-mcq"]
        flags = store.conn.execute("SELECT card_id, suspended FROM card_flags").fetchall()
        assert [tuple(f) for f in flags] == [("t-flash", 1)]


def test_nothing_to_study_says_when_next_is_due(bank: str) -> None:
    term = study(bank, "--new", "0")
    assert "Nothing to study now" in term.expect(r"study --new 10")
    assert term.wait_exit() == 0


def test_without_a_terminal_study_refuses_clearly(bank: str) -> None:
    result = run_cli("study", "--bank", bank, input="")
    assert_clean_failure(result, "needs a terminal")


def test_quiz_scores_lists_misses_and_leaves_the_schedule(bank: str) -> None:
    term = Terminal("quiz", "--bank", bank, "--deck", "deck", "--type", "short",
                    "--type", "numeric", "--count", "2")  # fmt: skip
    for _ in range(2):
        index = term.child.expect([r"Your answer:", r"Your number"])
        term.line("byte pair encoding" if index == 0 else "9")
        term.expect(r"Enter keeps it")
        term.send("\r")
    screen = term.expect(r"Missed:.*t-numeric")
    assert "Score: 1/2" in screen
    # A quiz moves no due date, so the rating is shown without an interval.
    assert not any(line.rstrip().endswith(" ·") for line in term.text().splitlines())
    assert term.wait_exit() == 0
    with open_store() as store:
        rows = reviews_for(store)
        assert sorted((r.card_id, r.mode, r.scheduled) for r in rows) == [
            ("t-numeric", "quiz", False), ("t-short", "quiz", False)
        ]  # fmt: skip
        assert load_records(store) == {}


def test_long_choices_wrap_whole_on_screen(write_bank) -> None:
    # Each choice is longer than the 100-column terminal: prompt_toolkit would cut it.
    right = "Ground every draft in the spec sheet " + "and have an editor approve it " * 3 + "END-A"
    wrong = (
        "Raise the temperature so that the model " + "explores many more phrasings " * 3 + "END-B"
    )
    text = bank_text("mcq").replace("[GPT, BERT, T5]", f'["{right}", "{wrong}"]')
    text = text.replace("answer: GPT", f'answer: "{right}"')
    term = Terminal("study", "--bank", str(write_bank(text).parent), "--deck", "deck")
    term.expect(r"Which model is decoder-only\?")
    term.expect(r"\(Use arrow keys\)")
    menu = term.expect(r"skip, bury, suspend, flag, undo or quit")
    assert "END-A" in menu and "END-B" in menu  # the last words of both are on screen
    lines = [line.strip() for line in menu.splitlines() if line.strip()]
    first = next(
        i for i, line in enumerate(lines) if line.lstrip("» ").startswith(("Ground", "Raise"))
    )
    down = 0 if lines[first].lstrip("» ").startswith("Ground") else 1
    term.send(DOWN * down + "\r")
    assert "✓ Correct" in term.expect(r"Enter keeps it")
    term.send("\r")
    term.wait_exit()
    with open_store() as store:
        assert [(r.card_id, r.correct) for r in reviews_for(store)] == [("t-mcq", True)]


def test_a_new_learner_starts_where_the_guide_starts() -> None:
    from interviewprep.bank.library import guide_section_order, load_library

    first_section = next(iter(guide_section_order()))
    first = next(c for c in load_library().cards.values() if c.source == first_section)
    term = Terminal("study")
    screen = term.expect(r"Card 1 of \d+[^\n]*\n")
    assert f"{first.deck} · {first.type.value}" in screen
    term.expect(first.id)
    term.child.sendcontrol("c")
    term.wait_exit()
