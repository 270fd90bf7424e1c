"""The real TerminalPrompter in-process, on prompt_toolkit's pipe input: what a terminal
can send (bytes that are not UTF-8, escape sequences, Ctrl-D, a SIGINT at a bad
moment) never crashes a prompt, never loses the answer and always lets the person quit."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import Application
from prompt_toolkit.application.current import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from interviewprep.cli.prompter import QuitSession, TerminalPrompter, terminal_text


@pytest.fixture
def keys() -> Iterator[object]:
    """Keys typed into the prompts the test opens (send_text / send_bytes).

    A prompt that hangs (waiting for Enter after an error, or ignoring a signal) is
    sent Enter and Ctrl-C after a while, and the test fails instead of blocking the suite.
    """
    done = threading.Event()
    rescued = []

    def rescue() -> None:
        while not done.wait(10):
            rescued.append(True)
            pipe.send_text("\r\x03")

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        watchdog = threading.Thread(target=rescue, daemon=True)
        watchdog.start()
        try:
            yield pipe
        finally:
            done.set()
            watchdog.join()
    assert not rescued, "the prompt hung until the test sent Enter and Ctrl-C"


def test_terminal_text_keeps_what_a_latin1_terminal_meant() -> None:
    # prompt_toolkit's surrogateescape decoding of b"caf\xe9 cr\xe8me \x80"
    escaped = b"caf\xe9 cr\xe8me \x80".decode("utf-8", "surrogateescape")
    assert terminal_text(escaped) == "café crème €"
    assert terminal_text("naïve ✓") == "naïve ✓"  # UTF-8 stays as it is
    assert terminal_text("a\ud800b") == "a\ufffdb"  # a lone surrogate of another kind
    assert terminal_text("x\x1b[0my\x07\x9b z\tw\nv") == "x[0my z\tw\nv"
    terminal_text(escaped).encode("utf-8")  # strict: nothing left that SQLite refuses


def test_a_latin1_byte_typed_into_a_prompt_becomes_text(keys) -> None:  # type: ignore[no-untyped-def]
    keys.send_bytes(b"caf\xe9\r")
    assert TerminalPrompter().text("Your answer:") == "café"


@pytest.mark.parametrize(
    "typed",
    ["\x1b[0m", "\x1b[1;2M", "\x1b[Mxyz", "\x1b[<1;2M", "\x1b[", "\x1b", "\x1b[A"],
    ids=["colour-code", "urxvt-short", "typical-bad-code", "sgr-short", "esc-bracket",
         "lone-esc", "arrow-up"],
)  # fmt: skip
def test_escape_sequences_in_an_answer_keep_the_text(keys, typed: str) -> None:  # type: ignore[no-untyped-def]
    keys.send_text(f"w0{typed}x\r")
    answer = TerminalPrompter().text("Your answer:")
    assert answer.startswith("w0") and answer.endswith("x"), repr(answer)
    assert "\x1b" not in answer


def test_a_bracketed_paste_with_control_codes_is_cleaned(keys) -> None:  # type: ignore[no-untyped-def]
    keys.send_text("\x1b[200~red \x1b[31mtext\x1b[0m\x1b[201~\r")
    assert TerminalPrompter().text("Your answer:") == "red [31mtext[0m"


@pytest.mark.parametrize("kind", ["select", "checkbox"])
def test_ctrl_d_quits_a_menu(keys, kind: str) -> None:  # type: ignore[no-untyped-def]
    keys.send_text("\x04")
    ask = getattr(TerminalPrompter(), kind)
    with pytest.raises(QuitSession):
        ask("Tick every right answer:", ["BPE", "WordPiece"])


def test_ctrl_d_quits_a_typed_answer_on_an_empty_line(keys) -> None:  # type: ignore[no-untyped-def]
    keys.send_text("\x04")
    with pytest.raises(QuitSession):
        TerminalPrompter().text("Your answer:")


def _sigint_after(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGINT delivered the moment the prompt has its answer, while it is still
    finishing: where prompt_toolkit used to drop it and the session went on."""
    original = getattr(Application, method)

    def then_sigint(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = original(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return result

    monkeypatch.setattr(Application, method, then_sigint)


@pytest.mark.parametrize("kind", ["text", "select", "checkbox"])
def test_a_sigint_as_the_prompt_finishes_is_never_swallowed(  # type: ignore[no-untyped-def]
    keys, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sigint_after("exit", monkeypatch)
    prompter = TerminalPrompter()
    keys.send_text("w0\r" if kind == "text" else " \r")
    with pytest.raises(QuitSession):
        if kind == "text":
            prompter.text("Your answer:")
        else:
            getattr(prompter, kind)("Your answer:", ["GPT", "BERT"])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize("kind", ["select", "checkbox"])
def test_a_sigint_at_a_menu_quits(keys, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The signal comes while the menu waits for a key (questionary binds only Ctrl-C).
    _sigint_after("_redraw", monkeypatch)
    with pytest.raises(QuitSession):
        getattr(TerminalPrompter(), kind)("Your answer:", ["GPT", "BERT"])
