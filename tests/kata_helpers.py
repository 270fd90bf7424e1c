"""Shared by the kata tests: the catalogue, the fixtures and a file writer."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from interviewprep.katas.catalog import load_catalog

FIXTURES = Path(__file__).resolve().parent / "kata_fixtures"
KATAS = load_catalog()
KATA_NAMES = [k.name for k in KATAS]
HAS_TORCH = importlib.util.find_spec("torch") is not None


def fixture_expectation(path: Path) -> str:
    """The `# expect: ...` of a wrong solution: a diagnosis fragment, `-` or `error`."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:"), path
    return first.split(":", 1)[1].strip()


def wrong_solutions() -> list[tuple[str, Path]]:
    return [(k, p) for k in KATA_NAMES for p in sorted((FIXTURES / k).glob("wrong_*.py"))]


def own_solution(kata_name: str, track: str = "numpy") -> str:
    """A right solution that is not the shipped reference (whose pass is not recorded):
    the reference with a line of the person's own."""
    from interviewprep.katas.catalog import find_kata

    text = find_kata(kata_name).solution(track).read_text(encoding="utf-8")
    return "MY_OWN_WORK = True\n" + text


def wrong_attempt(kata_name: str) -> str:
    """A file that defines the kata's function but gets it wrong (returns None): a
    failed check, unlike the untouched starter, which is no attempt at all."""
    from interviewprep.katas.catalog import find_kata

    function = find_kata(kata_name).function
    return f"def {function}(*args, **kwargs):\n    return None\n"
