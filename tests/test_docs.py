"""Every command has help text and a README entry; README examples really work."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from interviewprep.bank.library import load_library
from interviewprep.cli.app import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    paths: list[tuple[str, object]] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):  # a group such as `kata`
            paths += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            paths.append((name, command))
    return paths


def test_every_command_has_help_and_a_readme_example() -> None:
    for path, command in command_paths():
        help_text = getattr(command, "help", None) or ""
        assert help_text.strip(), path
        assert "Example: interviewprep" in help_text, path
        assert f"interviewprep {path}" in README, f"README lacks an example of {path}"


def test_card_ids_in_the_readme_exist() -> None:
    ids = re.findall(r"interviewprep show ([a-z0-9._-]+)", README)
    assert ids
    cards = load_library().cards
    assert [i for i in ids if i not in cards] == []
