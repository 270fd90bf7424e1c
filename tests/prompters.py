"""A prompter that replays answers: the terminal flow in-process, without a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from interviewprep.cli.prompter import QuitSession, Toolbar


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
