"""validate, decks, cards, show: the commands over the banks, run for real."""

from __future__ import annotations

import json

from tests.banks import HEADER, bank_text
from tests.cli import assert_clean_failure, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("interviewprep ")


def test_shipped_banks_are_valid() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout


def test_validate_lists_every_problem_and_exits_2(write_bank) -> None:
    good = write_bank(bank_text("mcq"), name="good.yaml")
    bad = write_bank(
        HEADER + "  - id: x1\n    type: cloze\n    prompt: none\n    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weights\n  - id: x2\n",
        name="bad.yaml",
    )
    result = run_cli("validate", str(good.parent))
    assert_clean_failure(result, f"{bad}:6: x1: a cloze card needs at least one blank")
    assert f"{bad}:11: x2: missing field 'type'" in result.stdout
    assert str(good) not in result.stdout


def test_cards_json_has_the_documented_keys(write_bank) -> None:
    path = write_bank(bank_text())
    result = run_cli("cards", "--json", "--bank", str(path.parent), "--deck", "deck")
    assert result.returncode == 0, result.stderr
    cards = json.loads(result.stdout)
    assert {c["id"] for c in cards} == {
        "t-flash",
        "t-mcq",
        "t-multi",
        "t-cloze",
        "t-numeric",
        "t-short",
        "t-open",
    }
    for card in cards:
        assert {"id", "type", "deck", "source", "tags", "prompt"} <= card.keys()
        assert card["deck"] == "deck"


def test_cards_can_be_narrowed_by_tag(write_bank) -> None:
    path = write_bank(bank_text())
    result = run_cli(
        "cards", "--json", "--bank", str(path.parent), "--deck", "deck", "--tag", "tokenization"
    )
    assert {c["id"] for c in json.loads(result.stdout)} == {"t-multi", "t-short"}


def test_unknown_deck_is_a_clear_error() -> None:
    assert_clean_failure(run_cli("cards", "--deck", "nope"), "no deck named 'nope'")


def test_decks_counts_types_and_sections(write_bank) -> None:
    path = write_bank(bank_text())
    result = run_cli("decks", "--bank", str(path.parent))
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    deck_row = next(row for row in rows if row[:1] == ["deck"] and row[1].isdigit())
    assert deck_row[1:] == ["7"] + ["1"] * 7  # seven cards, one of each type
    assert "Self-Attention Mechanism" in result.stdout


def test_show_renders_answer_explanation_source(write_bank) -> None:
    path = write_bank(bank_text())
    result = run_cli("show", "t-numeric", "--bank", str(path.parent))
    assert result.returncode == 0, result.stderr
    assert "350 GB (± 5%)" in result.stdout
    assert "175e9 x 2 bytes" in result.stdout
    assert "Guide section: Scale Examples" in result.stdout


def test_show_unknown_card_suggests_close_ids(write_bank) -> None:
    path = write_bank(bank_text())
    result = run_cli("show", "t-numeirc", "--bank", str(path.parent))
    assert_clean_failure(result, "no card with id 't-numeirc'")
    assert "did you mean t-numeric" in result.stderr


def test_card_text_is_shown_literally(write_bank) -> None:
    text = bank_text("flashcard").replace(
        "What does a weight do?", '"[bold red]x[/] \\e[31mred\\a"'
    )
    path = write_bank(text)
    result = run_cli("show", "t-flash", "--bank", str(path.parent))
    assert "[bold red]x[/]" in result.stdout
    assert "\x1b[31m" not in result.stdout and "\a" not in result.stdout
    assert "\\x1b[31mred\\x07" in result.stdout


def test_broken_user_bank_is_skipped_with_a_warning(write_bank) -> None:
    path = write_bank("format: 1\ntitle: t\ncards: [\n", name="broken.yaml")
    result = run_cli("cards", "--json", "--bank", str(path.parent))
    assert result.returncode == 0
    assert "broken.yaml" in result.stderr and "interviewprep validate" in result.stderr


def test_bad_config_is_a_clear_error(isolated_home) -> None:
    isolated_home.mkdir()
    (isolated_home / "config.toml").write_text("new_per_day = 'lots'\n")
    assert_clean_failure(run_cli("decks"), "'new_per_day' is 'lots'")
