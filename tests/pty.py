"""Driving the real `interviewprep` in a pseudo-terminal, as a person would."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
DOWN = "\x1b[B"


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


class Terminal:
    def __init__(self, *args: str, timeout: float = 20) -> None:
        env = {
            **os.environ,
            "COLUMNS": "100",
            "LINES": "50",
            "TERM": "xterm-256color",
            # pexpect does not answer prompt_toolkit's cursor-position requests.
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "interviewprep", *args],
            env=env,
            encoding="utf-8",
            timeout=timeout,
            dimensions=(50, 100),
        )
        self.transcript: list[str] = []

    def expect(self, pattern: str) -> str:
        """Wait for a regex on screen; return the text before it, ANSI removed."""
        self.child.expect(pattern)
        seen = strip_ansi(self.child.before + self.child.after)
        self.transcript.append(seen)
        return seen

    def send(self, keys: str) -> None:
        time.sleep(0.15)  # let the prompt take the terminal before keys arrive
        self.child.send(keys)

    def line(self, text: str) -> None:
        self.send(text + "\r")

    def choose(self, choice: str) -> None:
        """Pick a choice in a questionary select by moving the arrow to it."""
        self.expect(r"\(Use arrow keys\)")
        listing = self.expect(r"skip, bury, suspend, flag, undo or quit")
        options = [ln.strip().lstrip("»").strip() for ln in listing.splitlines() if ln.strip()]
        self.send(DOWN * options.index(choice) + "\r")

    def wait_exit(self) -> int:
        """The exit code, once the program has ended by itself. After the screen closes
        (EOF) it may still be finishing (closing the store); close() would kill it if
        that took over 0.1 s, as it can on a loaded machine, so wait for it first."""
        self.child.expect(pexpect.EOF)
        self.child.wait()
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def text(self) -> str:
        return "".join(self.transcript)


def bank_dir(path: Path) -> str:
    return str(path.parent)
