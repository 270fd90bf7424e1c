"""Card text with Rich markup, ANSI escapes and control characters is shown literally:
the raw control bytes never reach the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli import run_cli
from tests.pty import Terminal, strip_ansi

# Each nasty piece sits between two markers, so a check never confuses it with the
# escapes the program itself sends (colours, cursor moves).
NASTY = {
    "clear": ("\\e[2J", "\x1b[2J", "\\x1b[2J"),
    "bell": ("\\a", "\x07", "\\x07"),
    "cr": ("\\r", "\r", "\\x0d"),
    "backspace": ("\\b", "\x08", "\\x08"),
    "title": ("\\e]0;x\\a", "\x1b]0;x\x07", "\\x1b]0;x\\x07"),
    "bidi": ("\\u202e", "\u202e", "\\u202e"),
    "isolate": ("\\u2066", "\u2066", "\\u2066"),
    "c1-csi": ("\\x9b2J", "\x9b2J", "\\x9b2J"),
}
MARKUP = "[bold red]R[/]"


def field(tag: str) -> str:
    """A YAML double-quoted value holding every nasty piece, marked with `tag`."""
    parts = [f"{tag}{n}1{yaml_escape}{tag}{n}2" for n, (yaml_escape, _, _) in NASTY.items()]
    return '"' + " ".join(parts) + " " + MARKUP + '"'


def raw(tag: str, name: str) -> str:
    return f"{tag}{name}1{NASTY[name][1]}{tag}{name}2"


def shown(tag: str, name: str) -> str:
    return f"{tag}{name}1{NASTY[name][2]}{tag}{name}2"


BANK = f"""\
format: 1
title: {field("T")}
cards:
  - id: evil-mcq
    type: mcq
    prompt: {field("P")}
    choices: [{field("C")}, plain other]
    answer: {field("C")}
    explanation: {field("E")}
    tags: [{field("G")}]
    difficulty: easy
    source: Weights
  - id: evil-short
    type: short
    prompt: {field("S")}
    answer: {field("A")}
    explanation: {field("X")}
    tags: [x]
    difficulty: easy
    source: Weights
"""


@pytest.fixture
def bank(tmp_path: Path) -> str:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "evil.yaml").write_text(BANK, encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 0, result.stdout
    return str(folder)


def unwrap(output: str) -> str:
    """The text without panel borders and line breaks (the markers hold no spaces)."""
    return "".join(line.strip().strip("│").strip() for line in output.splitlines())


def assert_literal(output: str, tags: str) -> None:
    for tag in tags:
        for name in NASTY:
            assert raw(tag, name) not in output, (tag, name)
            assert shown(tag, name) in output, (tag, name, output[:3000])


@pytest.mark.parametrize(
    ("args", "tags"),
    [
        (("show", "evil-mcq"), "PCEG"),
        (("show", "evil-short"), "SAX"),
        (("cards", "--deck", "evil"), "P"),
    ],
)
def test_commands_show_card_text_literally(args: tuple[str, ...], tags: str, bank: str) -> None:
    result = run_cli(*args, "--bank", bank)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out and "\x08" not in out and "\r" not in out
    assert "\u202e" not in out and "\x9b" not in out
    if args[0] == "show":  # (cards cuts the prompt short with an ellipsis)
        assert MARKUP in out  # markup is text, not style
        assert_literal(unwrap(out), tags)


def test_decks_and_json_keep_control_bytes_off_stdout(bank: str) -> None:
    result = run_cli("decks", "--bank", bank)
    assert result.returncode == 0, result.stderr
    assert "evil" in result.stdout and "\x1b" not in result.stdout
    listing = run_cli("cards", "--deck", "evil", "--json", "--bank", bank)
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout


def test_validate_quotes_field_names_literally(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        'format: 1\ntitle: T\ncards:\n  - id: a\n    type: short\n    "k\\e]0;x\\a": 1\n',
        encoding="utf-8",
    )
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "k\\x1b]0;x\\x07" in result.stdout


def test_study_screen_shows_card_text_literally(bank: str) -> None:
    term = Terminal("study", "--bank", bank, "--deck", "evil")
    log = io.StringIO()
    term.child.logfile_read = log  # every byte the program sent to the terminal
    term.child.expect("Your answer:")
    term.child.expect("plain other")  # the menu is drawn
    term.send("\r")  # the first choice, whichever it is
    term.child.expect("Enter keeps it")
    term.send("\r")
    term.child.expect("Your answer:")
    term.line("w")
    term.child.expect("Enter keeps it")
    term.send("q")
    term.child.expect("Session summary")
    term.wait_exit()
    output = log.getvalue()
    for tag in "PCESAX":
        for name in NASTY:
            assert raw(tag, name) not in output, (tag, name)
    flat = unwrap(strip_ansi(output).replace("\r\n", "\n"))
    for tag in "PSX":  # prompt, explanation: shown escaped (the menu redraws in pieces)
        assert shown(tag, "title") in flat and shown(tag, "bidi") in flat, tag
