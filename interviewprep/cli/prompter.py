"""Every question the terminal asks goes through a Prompter, so tests can script it.

The real one uses questionary for choices and text, and typer's getchar for single
keys. Ctrl-C and Ctrl-D end the session: both raise QuitSession.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

Toolbar = Callable[[], str]


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


class TerminalPrompter:
    def _ask(self, question: object) -> object:
        try:
            return question.unsafe_ask()  # type: ignore[attr-defined]
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
        return str(self._ask(questionary.text(message, qmark="›", **extra)))

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


class ScriptedPrompter:
    """A prompter that replays answers; for tests of the terminal flow."""

    def __init__(self, answers: Sequence[object]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def _next(self, message: str) -> object:
        self.asked.append(message)
        if not self.answers:
            raise QuitSession
        answer = self.answers.pop(0)
        if isinstance(answer, type) and issubclass(answer, BaseException):
            raise answer  # QuitSession, or KeyboardInterrupt for a Ctrl-C between prompts
        return answer

    def select(self, message: str, choices: Sequence[str]) -> str:
        return str(self._next(message))

    def checkbox(self, message: str, choices: Sequence[str]) -> list[str]:
        return list(self._next(message))  # type: ignore[call-overload]

    def text(self, message: str, toolbar: Toolbar | None = None) -> str:
        if toolbar is not None:
            self.asked.append(toolbar())
        return str(self._next(message))

    def key(self, message: str, keys: str) -> str:
        answer = str(self._next(message))
        if answer not in keys:
            raise AssertionError(f"{answer!r} is not one of {keys!r} for {message!r}")
        return answer
