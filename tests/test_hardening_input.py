"""What a terminal sends that is not plain UTF-8 text, in a pseudo-terminal: bytes from a
Latin-1 terminal, escape sequences. The answer is saved as text, and nothing crashes."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from interviewprep.paths import data_home, store_path
from tests.banks import bank_text
from tests.pty import Terminal
from tests.test_hardening_concurrency import bank_of


def answers() -> list[tuple[str, str]]:
    conn = sqlite3.connect(store_path())
    try:
        return [tuple(r) for r in conn.execute("SELECT mode, answer FROM review_log ORDER BY id")]
    finally:
        conn.close()


def type_bytes(term: Terminal, raw: bytes) -> None:
    """Raw bytes as a terminal in another encoding sends them (pexpect would encode)."""
    term.send("")  # the usual pause for the prompt to take the terminal
    os.write(term.child.child_fd, raw)


@pytest.mark.parametrize("command", ["study", "quiz"])
def test_latin1_bytes_typed_into_an_answer_are_saved(command: str, tmp_path: Path) -> None:
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 3)
    term = Terminal(command, "--bank", str(bank.parent), "--deck", "many")
    term.expect(r"Your answer:")
    type_bytes(term, b"caf\xe9 cr\xe8me\r")  # "café crème" from a Latin-1 terminal
    term.expect(r"Enter keeps it")
    term.send("q")
    term.expect(r"Stopped")
    assert term.wait_exit() == 0
    assert "Traceback" not in term.text()
    assert answers() == [(command, "café crème")]


def test_latin1_bytes_in_a_mock_interview_reach_store_and_transcript(write_bank) -> None:
    bank = write_bank(bank_text("open"))
    term = Terminal("interview", "--bank", str(bank.parent), "--count", "1")
    term.expect(r"Your answer")
    type_bytes(term, b"queries meet keys, na\xefve caf\xe9\r")
    term.expect(r"Score yourself")
    term.send("4")
    term.expect(r"Transcript: ")
    assert term.wait_exit() == 0
    assert "Traceback" not in term.text()
    assert answers() == [("interview", "queries meet keys, naïve café")]
    conn = sqlite3.connect(store_path())
    try:
        [(questions, finished, transcript)] = conn.execute(
            "SELECT questions, finished_at, transcript FROM interview_session"
        ).fetchall()
    finally:
        conn.close()
    assert questions == 1 and finished is not None  # the row is whole, not half-written
    assert Path(transcript).parent == data_home() / "interviews"
    assert "naïve café" in Path(transcript).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "typed",
    ["\x1b[0m", "\x1b[1;2M", "\x1b[Mxyz", "\x1b[", "\x1b", "\x1b[200~pa\x1b[31mste\x1b[201~"],
    ids=["colour-code", "mouse-short", "mouse-bad-code", "esc-bracket", "lone-esc", "paste"],
)  # fmt: skip
def test_escape_sequences_typed_into_an_answer(typed: str, tmp_path: Path) -> None:
    bank = bank_of(tmp_path / "many.yaml", ["k-"], 3)
    term = Terminal("study", "--bank", str(bank.parent), "--deck", "many")
    term.expect(r"Your answer:")
    term.send(f"w0{typed}x\r")
    screen = term.expect(r"Enter keeps it")
    assert "Unhandled exception" not in screen
    term.send("q")
    term.expect(r"Stopped")
    assert term.wait_exit() == 0
    [(_, answer)] = answers()
    assert re.fullmatch(r"w0[^\x00-\x1f\x7f-\x9f]*x", answer), repr(answer)


def test_the_store_never_gets_text_sqlite_cannot_encode(write_bank) -> None:  # type: ignore[no-untyped-def]
    # Should undecodable input get past the prompter, the answer is still saved.
    from interviewprep.bank.library import load_files
    from interviewprep.store import open_store
    from tests.test_session import FakeClock, session

    cards = load_files([write_bank(bank_text("short"))]).cards
    with open_store() as store:
        s = session(store, cards, FakeClock())
        s.next_card()
        s.answer(1, response="caf\udce9 \ud800", duration_ms=5)
    assert answers() == [("study", "caf\ufffd \ufffd")]
