"""Numbers in banks: a huge integer anywhere is a clean problem, never a crash, and a
numeric card's answer and tolerance are finite and in a sane range."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.bank.library import load_files
from tests.banks import HEADER, bank_text
from tests.cli import run_cli

HUGE = "9" * 5000
NUMERIC = bank_text("numeric")


def problems_of(path: Path) -> list[str]:
    library = load_files([path])
    assert not library.cards or not library.problems
    return [str(p) for p in library.problems]


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("answer: 350", f"answer: {HUGE}", 7, "'answer' is a number of 5,000 digits"),
        ("answer: 350", f"answer: -{HUGE}", 7, "'answer' is a number of 5,000 digits"),
        ("answer: 350", f"answer: 0x{'f' * 5000}", 7, "'answer' is a number of 5,002 digits"),
        ("answer: 350", f"answer: 1_{'0' * 400}", 7, "'answer' is a number of 401 digits"),
        ("answer: 350", f"answer: 0x{'f' * 98}", 7, "'answer' is a number of 119 digits"),
        ("answer: 350", "answer: 1e400", 7, "'answer' is a number (inf)"),
        ("answer: 350", 'answer: "1e400"', 7, "'answer' is a number (inf)"),
        ("answer: 350", "answer: .nan", 7, "'answer' is a number (nan)"),
        ("answer: 350", "answer: -.inf", 7, "'answer' is a number (-inf)"),
        ("answer: 350", "answer: 1e101", 7, "'answer' is a number (1e+101)"),
        ("tolerance: 5%", "tolerance: .inf", 8, "'tolerance' is inf"),
        ("tolerance: 5%", "tolerance: .nan", 8, "'tolerance' is nan"),
        ("tolerance: 5%", "tolerance: -1", 8, "'tolerance' is -1"),
        ("tolerance: 5%", "tolerance: -0.5", 8, "'tolerance' is -0.5"),
        ("tolerance: 5%", f"tolerance: {HUGE}", 8, "'tolerance' is a number of 5,000 digits"),
        ("tolerance: 5%", f'tolerance: "{HUGE}%"', 8, "'tolerance' is '9999"),
        ("tolerance: 5%", 'tolerance: "101%"', 8, "'tolerance' is '101%'"),
    ],
)
def test_bad_numbers_of_a_numeric_card(
    write_bank, old: str, new: str, line: int, fragment: str
) -> None:
    path = write_bank(NUMERIC.replace(old, new))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}: t-numeric: {fragment}"), problem


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("answer: 350", "answer: 1e100"),
        ("answer: 350", "answer: -3.15e23"),
        ("answer: 350", f"answer: 1{'0' * 99}"),  # 1e99 written out: 100 digits
        ("tolerance: 5%", 'tolerance: "100%"'),
        ("tolerance: 5%", "tolerance: 0"),
    ],
)
def test_numbers_at_the_edge_of_the_range_load(write_bank, old: str, new: str) -> None:
    assert problems_of(write_bank(NUMERIC.replace(old, new))) == []


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (f"{HUGE}\n", 1, "the top level is a number of 5,000 digits"),
        (f"format: {HUGE}\ntitle: t\ncards: []\n", 1, "'format' must be 1"),
        (f"format: 1\ntitle: {HUGE}\ncards: []\n", 2, "'title' must be text"),
        (f"format: 1\ntitle: t\ncards: [{HUGE}]\n", 3, "got a number of 5,000 digits"),
        (f"format: 1\ntitle: t\ncards: []\n? {HUGE}\n: x\n", 4, "unknown top-level field"),
        (f"format: 1\ntitle: t\ncards: []\ndescription: 1:{'2:' * 3000}3\n", 4, "must be text"),
    ],
)
def test_a_huge_integer_anywhere_in_a_file_is_a_problem(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}: ") and fragment in problem, problem
    assert len(problem) < 300  # the number itself is never spelled out


@pytest.mark.parametrize(
    "field", ["id", "type", "prompt", "explanation", "difficulty", "source", "tags", "choices"]
)
def test_a_huge_integer_in_any_card_field_is_a_problem(write_bank, field: str) -> None:
    text = bank_text("mcq")
    lines = text.splitlines(keepends=True)
    [at] = [i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{field}:")]
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" -"))]
    value = f"[{HUGE}]" if field in ("tags", "choices") else HUGE
    lines[at] = f"{indent}{field}: {value}\n"
    path = write_bank("".join(lines))
    problems = problems_of(path)
    assert problems and all(p.startswith(f"{path}:") and len(p) < 300 for p in problems)


def test_validate_and_every_loading_command_report_a_huge_integer(write_bank) -> None:
    path = write_bank(NUMERIC.replace("answer: 350", f"answer: {HUGE}"))
    result = run_cli("validate", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert f"{path}:7: t-numeric: 'answer' is a number of 5,000 digits" in result.stdout
    for command in ("cards", "decks"):
        result = run_cli(command, "--bank", str(path.parent))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "deck.yaml" in result.stderr


def test_nan_and_inf_answers_fail_validate(write_bank) -> None:
    path = write_bank(NUMERIC.replace("answer: 350", "answer: .nan"))
    result = run_cli("validate", str(path))
    assert result.returncode == 2, result.stdout


def test_a_huge_number_in_the_header_of_a_card_list_item(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(HEADER + f"  - {HUGE}\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:4: a card must be a mapping of fields, got a number of 5,000 digits"
    ]
