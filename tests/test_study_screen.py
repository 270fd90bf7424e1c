"""The study screen driven by a scripted prompter, rendered to a string."""

from __future__ import annotations

import io
import random
from dataclasses import replace

import pytest
from rich.console import Console

from interviewprep.bank.library import load_files
from interviewprep.cli.study_ui import ACTIONS_CHOICE, StudyScreen
from interviewprep.store import open_store
from interviewprep.store.reviews import load_flags, load_records, reviews_for
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study
from tests.banks import bank_text
from tests.prompters import ScriptedPrompter
from tests.test_session import FakeClock


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    with open_store() as s:
        yield s


def run(store, path, answers, *, new=7, clock=None):  # type: ignore[no-untyped-def]
    cards = list(load_files([path]).cards.values())
    clock = clock or FakeClock()
    session = open_study(
        store, cards, scheduler=make_scheduler(fuzz=False), clock=clock, new_per_day=new
    )
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    prompter = ScriptedPrompter(answers)
    seconds = iter(float(i) for i in range(0, 1000, 5))
    screen = StudyScreen(session, prompter, console, rng=random.Random(0),
                         monotonic=lambda: next(seconds))  # fmt: skip
    summary = screen.run()
    return out.getvalue(), summary, prompter


def test_open_card_shows_rubric_and_takes_a_changed_rating(store, write_bank) -> None:
    path = write_bank(bank_text("open"))
    text, summary, _ = run(store, path, ["queries meet keys", "2"])
    assert "Rubric: 1 of 2 points" in text
    assert "✓ Queries are compared with keys" in text and "✗ Softmax normalises" in text
    assert "Model answer:" in text and "The guide leaves out masking." in text
    [review] = reviews_for(store)
    assert (review.rating, review.answer, review.correct) == (2, "queries meet keys", None)
    assert summary.answered == 1


def test_actions_from_a_choice_question(store, write_bank) -> None:
    path = write_bank(bank_text("mcq", "multi"))
    text, _, _ = run(store, path, [ACTIONS_CHOICE, "b", ["BPE", "WordPiece"], "\r"])
    assert "Buried until tomorrow." in text
    assert load_flags(store)["t-mcq"].buried_until is not None
    assert [r.card_id for r in reviews_for(store)] == ["t-multi"]
    assert "✓ Correct" in text


def test_cloze_reports_each_blank(store, write_bank) -> None:
    path = write_bank(bank_text("cloze"))
    text, summary, _ = run(store, path, ["sqrt(dk)", "sigmoid", "\r"])
    question = text.split("Answer")[0]
    assert "‗‗‗‗(1)‗‗‗‗ before the ‗‗‗‗(2)‗‗‗‗" in question
    assert "softmax" not in question and "sqrt" not in question  # the answers stay hidden
    assert "✓ blank 1: sqrt(d_k)" in text and "✗ blank 2: softmax" in text
    assert (summary.graded, summary.correct) == (1, 0)


def test_leech_is_announced_and_marked(store, write_bank) -> None:
    path = write_bank(bank_text("flashcard"))
    clock = FakeClock()
    run(store, path, ["\r", "4"], clock=clock)
    record = load_records(store)["t-flash"]
    from interviewprep.store.reviews import _save_record

    with store.tx() as conn:  # seven lapses already
        _save_record(conn, replace(record, lapses=7))
    clock.advance(days=30)
    text, _, _ = run(store, path, ["\r", "1"], clock=clock)
    assert "This card is now a leech" in text
    assert load_flags(store)["t-flash"].leech
    clock.advance(minutes=30)
    text, _, _ = run(store, path, ["\r", "3"], clock=clock)
    assert "LEECH" in text


def test_card_markup_and_escapes_are_shown_literally(store, write_bank) -> None:
    path = write_bank(
        bank_text("short").replace("What does BPE stand for?", '"[red]BPE[/red] \\e[2J?"')
    )
    text, _, _ = run(store, path, ["byte pair encoding", "\r"])
    assert "[red]BPE[/red]" in text
    assert "\x1b[2J" not in text and "\\x1b[2J" in text


def test_undo_from_the_next_question(store, write_bank) -> None:
    path = write_bank(bank_text("short", "numeric"))
    text, _, _ = run(store, path, ["byte pair encoding", "\r", "/u", "bpe?", "\r"])
    assert "Undid the answer to t-short." in text
    [review] = reviews_for(store)
    assert (review.card_id, review.answer, review.correct) == ("t-short", "bpe?", False)


def test_multi_shows_what_was_missed_and_wrongly_ticked(store, write_bank) -> None:
    path = write_bank(bank_text("multi"))
    text, summary, _ = run(store, path, [["BPE", "Whitespace"], "\r"])
    assert "✗ Not quite" in text
    assert "✓ BPE" in text
    assert "Again · again in 1 min" in text  # the step the schedule gave
    assert "✗ WordPiece  (right: you left it out)" in text
    assert "✗ Whitespace  (not right: you ticked it)" in text
    assert (summary.graded, summary.correct) == (1, 0)
    again, _, _ = run(store, write_bank(bank_text("multi"), name="b.yaml", folder="b"),
                      [["BPE", "WordPiece"], "\r"], clock=FakeClock())  # fmt: skip
    assert "· Whitespace  (rightly left out)" in again


def test_ctrl_c_between_prompts_ends_the_session_like_q(store, write_bank) -> None:
    path = write_bank(bank_text("flashcard", "short"))
    text, summary, _ = run(store, path, ["\r", "3", KeyboardInterrupt])
    assert "Stopped. Every answer you gave is saved." in text
    assert summary.answered == 1
    assert [r.card_id for r in reviews_for(store)] == ["t-flash"]


class ChoicesSeen(ScriptedPrompter):
    """A scripted prompter that also keeps the choices each menu offered."""

    def __init__(self, answers: list[object]) -> None:
        super().__init__(answers)
        self.menus: list[list[str]] = []

    def checkbox(self, message: str, choices) -> list[str]:  # type: ignore[no-untyped-def]
        self.menus.append(list(choices))
        return super().checkbox(message, choices)


def test_a_select_all_card_offers_skip_bury_and_quit(store, write_bank) -> None:
    path = write_bank(bank_text("multi"))
    session = open_study(
        store, list(load_files([path]).cards.values()), scheduler=make_scheduler(fuzz=False),
        clock=FakeClock(), new_per_day=5,
    )  # fmt: skip
    prompter = ChoicesSeen([[ACTIONS_CHOICE], "b"])
    out = io.StringIO()
    StudyScreen(session, prompter, Console(file=out, width=100), rng=random.Random(0)).run()
    assert ACTIONS_CHOICE in prompter.menus[0]
    assert "Buried until tomorrow." in out.getvalue()
    assert load_flags(store)["t-multi"].buried_until is not None
    assert reviews_for(store) == []
