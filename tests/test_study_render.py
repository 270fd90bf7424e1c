"""The study card and the answer panel, rendered exactly as a person sees them at 80
columns (with a header drawn from the session's progress)."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from rich.console import Console

from interviewprep.bank.library import load_files
from interviewprep.cli.render import explanation_panel, prompt_panel
from interviewprep.cli.study_ui import StudyScreen
from interviewprep.store import open_store
from interviewprep.study.scheduling import make_scheduler
from interviewprep.study.session import open_study
from tests.banks import bank_text
from tests.prompters import ScriptedPrompter

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def rendered(*renderables: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    for renderable in renderables:
        console.print(renderable)
    return out.getvalue()


def test_the_card_on_screen_exactly(write_bank) -> None:  # type: ignore[no-untyped-def]
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    with open_store() as store:
        session = open_study(store, cards, scheduler=make_scheduler(fuzz=False),
                             clock=lambda: NOW, new_per_day=20)  # fmt: skip
        card = session.next_card()
        assert card is not None
        screen = StudyScreen(session, ScriptedPrompter([]), Console())
        text = rendered(screen._header(card), prompt_panel(card, title=card.id,
                                                           with_choices=False))  # fmt: skip
    assert text == (
        "Card 1 of 7 · due 0 · new 7   deck · flashcard\n"
        "╭─ t-flash ────────────────────────────────────────────────────────────────────╮\n"
        "│ What does a weight do?                                                       │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_the_answer_panel_after_a_miss_exactly(write_bank) -> None:  # type: ignore[no-untyped-def]
    card = load_files([write_bank(bank_text())]).cards["t-short"]
    from interviewprep.study.grading import grade_response

    screen = StudyScreen.__new__(StudyScreen)  # _verdict reads no session state
    text = rendered(screen._verdict(card, grade_response(card, "word piece")),
                    explanation_panel(card, missed=True))  # fmt: skip
    assert text == (
        "╭─ Answer ─────────────────────────────────────────────────────────────────────╮\n"
        "│ ✗ Not quite                                                                  │\n"
        "│ Expected: byte-pair encoding                                                 │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
        "╭─ Why ────────────────────────────────────────────────────────────────────────╮\n"
        "│ Merges frequent pairs.                                                       │\n"
        "│ Guide section: Tokenization                                                  │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )
