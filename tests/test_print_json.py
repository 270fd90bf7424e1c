"""print_json writes what the json module wrote before (issue 17 moved it to orjson)."""

from __future__ import annotations

import enum
import json
from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from interviewprep.cli.common import _json_value, print_json


class Colour(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


@dataclass(frozen=True)
class Inner:
    when: datetime
    day: date
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Outer:
    name: str
    inner: Inner
    file: Path
    seen: frozenset[str]
    colour: Colour
    level: Level
    ratio: float
    counts: dict[str, int]
    nothing: None = None


def stdlib_json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=_json_value) + "\n"


def printed(value: object, capsys: pytest.CaptureFixture[str]) -> str:
    print_json(value)
    return capsys.readouterr().out


VALUES: list[object] = [
    Outer(
        'é ✓ \u2028 "quoted" \\ \x00\x1f',
        Inner(
            datetime(2026, 12, 6, 20, 0, 5, 120, tzinfo=timezone.utc),
            date(2026, 12, 6),
            ("a", "b"),
        ),
        Path("/banks/deck.yaml"),
        frozenset({"b", "a"}),
        Colour.RED,
        Level.HIGH,
        0.1 + 0.2,
        {},
    ),
    [{"id": "x", "line": 3, "refs": [], "kata": None, "ok": True}, [], {}],
    {"when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=5, minutes=30)))},
    {"naive": datetime(2026, 1, 2, 3, 4, 5), "floats": [1.0, 2.5e-3, 1e16, -0.0, 123.456]},
    {1: "an int key", "2": "a text key"},
    {"huge": 2**80},  # beyond orjson's 64 bits: written by the json module
    {"pair": namedtuple("Pair", "a b")(1, 2)},  # a named tuple, as json writes it
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_print_json_writes_what_json_dumps_wrote(
    value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert printed(value, capsys) == stdlib_json(value)


def test_a_tiny_float_is_the_same_number(capsys: pytest.CaptureFixture[str]) -> None:
    # The one known difference: orjson spells 1e-05 as 0.00001.
    value = {"small": [1e-05, 3e-07]}
    assert json.loads(printed(value, capsys)) == value


def test_what_no_encoder_can_write_is_still_an_error() -> None:
    with pytest.raises(TypeError):
        print_json({"x": object()})
