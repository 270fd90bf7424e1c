"""validate and config through the app layer, in-process."""

from __future__ import annotations

import pytest

from interviewprep.app import App
from interviewprep.config import load_config
from interviewprep.errors import ConfigError
from tests.banks import HEADER, bank_text


def test_validate_lists_every_problem_in_order(write_bank, isolated_home) -> None:  # type: ignore[no-untyped-def]
    good = write_bank(bank_text(), name="good.yaml")
    bad = write_bank(HEADER + "  - id: x\n    type: flashcard\n", name="bad.yaml")
    checked = App(isolated_home).validate([good.parent])
    assert checked.files == 2 and checked.decks == 1
    assert {p.file for p in checked.problems} == {bad}
    assert [p.line for p in checked.problems] == sorted(p.line for p in checked.problems)
    assert checked.summary.startswith(f"{len(checked.problems)} problem(s) in 1 of 2 file(s)")
    clean = App(isolated_home).validate([good])
    assert clean.problems == [] and clean.summary.startswith("ok: 1 file(s), 1 deck(s)")


def test_a_setting_is_checked_saved_and_reset(isolated_home) -> None:  # type: ignore[no-untyped-def]
    app = App(isolated_home)
    saved = app.set_setting("new_per_day", "7")
    assert (saved.value, saved.file) == (7, isolated_home / "config.toml")
    assert load_config(saved.file).new_per_day == 7 and app.settings()["new_per_day"] == 7
    with pytest.raises(ConfigError, match="new_per_day"):
        app.set_setting("new_per_day", "-1")
    assert load_config(saved.file).new_per_day == 7  # refused: nothing written
    app.set_setting("new_per_day", None)
    assert load_config(saved.file).new_per_day == 20
