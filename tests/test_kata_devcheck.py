"""The kata author's check (`interviewprep kata dev-check`), run for every kata."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.devcheck import check_kata
from tests.cli import run_cli
from tests.kata_helpers import FIXTURES, KATA_NAMES, KATAS


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_every_kata_passes_the_authors_check(kata) -> None:  # type: ignore[no-untyped-def]
    problems = [f"{f.check} ({f.track}): {f.message}" for f in check_kata(kata, FIXTURES)
                if not f.passed]  # fmt: skip
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_fixture_that_passes_and_a_mistake_without_one(
    tmp_path: Path,
) -> None:
    kata = find_kata("causal-mask")
    (tmp_path / kata.name / "torch").mkdir(parents=True)
    shutil.copyfile(kata.solution("numpy"), tmp_path / kata.name / "wrong_not_wrong.py")
    (tmp_path / kata.name / "wrong_not_wrong.py").write_text(
        "# expect: -\n" + kata.solution("numpy").read_text(encoding="utf-8"))  # fmt: skip
    result = run_cli("kata", "dev-check", "causal-mask", "--fixtures", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "wrong_not_wrong.py: not caught: passed" in result.stdout
    assert "no wrong-solution fixture for this track" in result.stdout  # torch/ is empty
    assert "causal-mask · mistakes (numpy): no fixture makes it" in result.stdout
    assert "✓ causal-mask · reference (numpy): passes" in result.stdout


def test_an_unknown_fixtures_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("kata", "dev-check", "softmax", "--fixtures", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no folder" in result.stderr
    assert "Traceback" not in result.stderr
