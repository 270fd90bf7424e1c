"""Every question the terminal asks goes through a Prompter, so tests can script it.

The real one uses questionary for choices and text, and typer's getchar for single
keys. Ctrl-C, Ctrl-D and SIGINT end the session: all raise QuitSession.
"""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Callable, Sequence
from typing import Any, Protocol

Toolbar = Callable[[], str]

# prompt_toolkit decodes input as UTF-8 with surrogateescape: each byte that is not
# UTF-8 (a Latin-1 terminal's "é" is 0xE9) arrives as a surrogate U+DC80-U+DCFF.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
_OTHER_SURROGATES = re.compile("[\ud800-\udfff]")
# Control characters (a pasted ESC sequence, C1 codes) but not tab and newline.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _decode_legacy(match: re.Match[str]) -> str:
    """Bytes a non-UTF-8 terminal sent, read as cp1252 (Latin-1 with its printable
    0x80-0x9F), so "café" typed there stays "café"."""
    raw = bytes(ord(c) - 0xDC00 for c in match.group())
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


def terminal_text(text: str) -> str:
    """What was typed, as valid UTF-8 text without control characters: the one gate
    every typed answer passes before it is graded, saved or written to a transcript."""
    text = _ESCAPED_BYTES.sub(_decode_legacy, text)
    text = _OTHER_SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub("", text)


class QuitSession(Exception):
    """The person asked to stop (q, Ctrl-C or Ctrl-D)."""


class Prompter(Protocol):
    def select(self, message: str, choices: Sequence[str]) -> str: ...

    def checkbox(self, message: str, choices: Sequence[str]) -> list[str]: ...

    def text(self, message: str, toolbar: Toolbar | None = None) -> str:
        """Ask for a line of text; `toolbar` is redrawn every second below it (a timer)."""
        ...

    def key(self, message: str, keys: str) -> str:
        """Wait for one of `keys` (Enter is "\\r"); return it."""
        ...


def wrapped_choices(choices: Sequence[str], indent: int) -> list[Any]:
    """questionary Choices whose titles wrap to the terminal: prompt_toolkit cuts a long
    line at the edge, and a multiple-choice option read only in part is no option."""
    import shutil
    import textwrap

    import questionary

    width = max(20, shutil.get_terminal_size().columns - indent - 1)
    return [
        questionary.Choice(
            title="\n".join(
                textwrap.wrap(choice, width, subsequent_indent=" " * indent) or [choice]
            ),
            value=choice,
        )
        for choice in choices
    ]


def _input_guards(menu: bool) -> Any:
    """Key bindings every prompt gets on top of its own.

    Ctrl-D quits a choice menu as it quits a typed answer (questionary binds only
    Ctrl-C there). And prompt_toolkit parses any "ESC [ digits m" or "ESC [ M xyz" as
    a mouse report, even with the mouse off, and its handler raises on one it cannot
    decode: a pasted colour code ("\x1b[0m") printed "Unhandled exception in event
    loop" and lost the answer. No prompt here uses the mouse, so reports are dropped.
    """
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def _mouse(event: Any) -> object:
        return NotImplemented  # nothing to redraw

    if menu:  # in a typed answer Ctrl-D deletes a character, and quits on an empty line

        @bindings.add(Keys.ControlD, eager=True)
        def _quit(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

    return bindings


def _run(application: Any, *, menu: bool) -> object:
    """Run a prompt_toolkit application so that a SIGINT always ends it.

    prompt_toolkit routes SIGINT through the event loop to a key binding; a signal that
    arrives while the prompt is finishing (the answer given, the loop closing) was
    dropped, and select menus have no binding for it at all. Here a plain handler
    records every SIGINT: the prompt is stopped if it is still running, and the
    question raises KeyboardInterrupt once it returns, whatever the loop did.
    """
    from prompt_toolkit.key_binding import merge_key_bindings

    guards = _input_guards(menu)
    own = application.key_bindings
    application.key_bindings = merge_key_bindings([own, guards] if own else [guards])
    guard = _SigintGuard(application)
    try:
        previous = signal.signal(signal.SIGINT, guard.on_sigint)
    except ValueError:  # not the main thread: no signal handling to improve on
        return application.run()
    try:
        result = application.run(pre_run=guard.stop_if_interrupted, handle_sigint=False)
    finally:
        signal.signal(signal.SIGINT, previous)
    if guard.interrupted:
        raise KeyboardInterrupt
    return result


class _SigintGuard:
    """Records a SIGINT and stops the running prompt from inside its event loop."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.interrupted = False

    def stop(self) -> None:
        future = self.application.future
        if future is not None and not future.done():
            self.application.exit(exception=KeyboardInterrupt, style="class:aborting")

    def on_sigint(self, signum: int, frame: object) -> None:
        self.interrupted = True
        loop = self.application.loop
        if loop is not None:
            # RuntimeError: the loop closed meanwhile; the flag is enough then.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.stop)

    def stop_if_interrupted(self) -> None:  # a SIGINT came before the loop existed
        if self.interrupted:
            self.stop()


class TerminalPrompter:
    def _ask(self, question: object, *, menu: bool = True) -> object:
        try:
            return _run(question.application, menu=menu)  # type: ignore[attr-defined]
        except (KeyboardInterrupt, EOFError):
            raise QuitSession from None

    def select(self, message: str, choices: Sequence[str]) -> str:
        import questionary

        # The pointer and its space ("» ") come before each title.
        question = questionary.select(message, choices=wrapped_choices(choices, 3), qmark="?")
        answer = self._ask(question)
        return str(answer)

    def checkbox(self, message: str, choices: Sequence[str]) -> list[str]:
        import questionary

        answer = self._ask(
            questionary.checkbox(
                message,
                choices=wrapped_choices(choices, 5),  # "» ○ " comes before each title
                qmark="?",
                instruction="(space to tick, enter when done)",
            )
        )
        return list(answer)  # type: ignore[call-overload]

    def text(self, message: str, toolbar: Toolbar | None = None) -> str:
        import questionary

        extra: dict[str, Any] = {}
        if toolbar is not None:  # redrawn every second, so a timer counts down
            extra = {"bottom_toolbar": toolbar, "refresh_interval": 1.0}
        answer = self._ask(questionary.text(message, qmark="›", **extra), menu=False)
        return terminal_text(str(answer))

    def key(self, message: str, keys: str) -> str:
        # typer's own getchar (typer vendors click, so click itself may be absent).
        import typer

        typer.echo(message, nl=False)
        try:
            while True:
                # getchar may return several characters typed in quick succession.
                for pressed in typer.getchar():
                    if pressed in ("\x03", "\x04"):
                        raise QuitSession
                    pressed = "\r" if pressed == "\n" else pressed
                    if pressed in keys:
                        typer.echo()
                        return pressed
        except (KeyboardInterrupt, EOFError, QuitSession):
            typer.echo()
            raise QuitSession from None
