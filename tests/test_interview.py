"""Mock interviews: the core object, and the real command in a pseudo-terminal."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from interviewprep.bank.library import load_files
from interviewprep.paths import data_home
from interviewprep.store import open_store
from interviewprep.store.interviews import list_interviews
from interviewprep.store.reviews import reviews_for
from interviewprep.study.interview import MockInterview, pick_questions
from tests.banks import HEADER, bank_text
from tests.cli import run_cli
from tests.pty import Terminal

SECOND_OPEN = """\
  - id: t-open2
    type: open
    prompt: Compare GPT and BERT.
    answer: GPT is a decoder trained on next tokens; BERT an encoder trained with masking.
    rubric:
      - point: GPT is decoder-only
        keywords: [decoder]
      - point: BERT uses masked language modelling
        keywords: [mask]
    explanation: Two pre-training objectives.
    tags: [models]
    difficulty: medium
    source: What is the difference between GPT and BERT?
"""


def test_interview_records_answers_transcript_and_timer(write_bank) -> None:
    cards = list(load_files([write_bank(bank_text())]).cards.values())
    now = [datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)]
    questions = pick_questions(cards, 5, random.Random(0))
    assert [c.id for c in questions] == ["t-open"]  # only open cards are asked
    with open_store() as store:
        mock = MockInterview(store, questions, data_home() / "interviews", lambda: now[0], 1)
        assert mock.next_question() is questions[0]
        now[0] += timedelta(seconds=30)
        item = mock.record(questions[0], "Each query meets each key; softmax weights.", 4, 30)
        assert item.grade.parts == (True, True)
        assert mock.next_question() is None
        mock.finish()
        text = mock.path.read_text()
        assert "Each query meets each key" in text and "self-score 4/5" in text
        assert "- [x] Queries are compared with keys" in text
        [record] = list_interviews(store)
        assert (record.questions, record.mean_score) == (1, 4.0)
        assert record.finished_at is not None
        [review] = reviews_for(store)
        assert (review.mode, review.scheduled, review.rating) == ("interview", False, 3)


def test_interview_stops_when_time_is_up(write_bank) -> None:
    path = write_bank(HEADER + SECOND_OPEN + bank_text("open")[len(HEADER) :])
    cards = list(load_files([path]).cards.values())
    now = [datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)]
    with open_store() as store:
        mock = MockInterview(store, cards, data_home() / "interviews", lambda: now[0], 2)
        mock.record(cards[0], "decoder", 3, 100)
        now[0] += timedelta(minutes=2, seconds=1)
        assert mock.time_up() and mock.next_question() is None


def test_interview_in_a_terminal_then_history(write_bank) -> None:
    path = write_bank(HEADER + SECOND_OPEN + bank_text("open")[len(HEADER) :])
    term = Terminal("interview", "--bank", str(path.parent), "--deck", "deck", "--count", "2",
                    "--minutes", "10")  # fmt: skip
    screen = term.expect(r"Your answer \(Enter to submit\)")
    assert "Question 1 of 2" in screen
    term.line("the decoder predicts the next token, while BERT masks tokens")
    screen = term.expect(r"Score yourself")
    assert "Model answer" in screen
    term.send("5")
    term.expect(r"Question 2 of 2")
    term.expect(r"Your answer")
    term.child.sendcontrol("c")
    screen = term.expect(r"Transcript: .*\.md")
    assert "1 of 2 questions" in screen and "mean self-score 5.0/5" in screen
    assert term.wait_exit() == 0
    history = run_cli("interview", "--history")
    assert history.returncode == 0
    [transcript] = (data_home() / "interviews").glob("*.md")
    assert "5.0/5" in history.stdout and transcript.name in history.stdout
    assert "BERT masks tokens" in transcript.read_text()
