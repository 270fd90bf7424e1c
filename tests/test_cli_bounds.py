"""Every numeric and date option is bounded: a value out of range is a clear message and
exit 2, never a traceback from deep inside (an overflowing timedelta, an SQL LIMIT)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import typer
from typer.testing import CliRunner

from interviewprep.cli.app import app
from tests.cli import assert_clean_failure, run_cli


def _parameters(command: object, path: str = "") -> Iterator[tuple[str, object]]:
    for name, sub in getattr(command, "commands", {}).items():
        yield from _parameters(sub, f"{path}{name} ")
    for param in getattr(command, "params", []):
        yield path.strip(), param


def _number_type(param: object) -> type | None:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    for kind in (int, float):
        if annotation is kind or kind in typing.get_args(annotation):
            return kind
    return None


def test_every_numeric_option_has_a_lower_and_an_upper_bound() -> None:
    numeric = [
        (command, param)
        for command, param in _parameters(typer.main.get_command(app))
        if _number_type(param) is not None
    ]
    assert len(numeric) >= 8  # study --new/--limit/--minutes, quiz, interview, history, kata
    unbounded = [
        f"{command} {param.opts[0]}"  # type: ignore[attr-defined]
        for command, param in numeric
        if getattr(param, "min", None) is None or getattr(param, "max", None) is None
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["study", "--minutes", "inf"], "--minutes"),
        (["study", "--minutes", "1e20"], "--minutes"),
        (["study", "--minutes", "nan"], "--minutes"),
        (["study", "--minutes", "0"], "--minutes"),
        (["study", "--new", "1" + "0" * 30], "--new"),
        (["study", "--limit", "1" + "0" * 30], "--limit"),
        (["quiz", "--count", "1" + "0" * 30], "--count"),
        (["interview", "--minutes", "inf"], "--minutes"),
        (["interview", "--minutes", "1e20"], "--minutes"),
        (["interview", "--count", "1000"], "--count"),
        (["history", "--limit", "1" + "0" * 20], "--limit"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_a_number_out_of_range_is_refused_before_anything_runs(
    args: list[str], option: str
) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "after-tomorrow"])
def test_stats_since_must_be_a_day_from_2000_to_tomorrow(day: str) -> None:
    if day == "after-tomorrow":
        day = str(date.today() + timedelta(days=2))
    result = run_cli("stats", "--since", day)
    assert_clean_failure(result, f"--since {day} is out of range: give a day from 2000-01-01")


@pytest.mark.parametrize("day", ["2000-01-01", "today"])
def test_stats_since_accepts_the_bounds(day: str) -> None:
    day = str(date.today()) if day == "today" else day
    result = run_cli("stats", "--since", day, "--json")
    assert result.returncode == 0, result.stderr
