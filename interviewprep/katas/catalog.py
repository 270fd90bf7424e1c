"""The kata catalogue: exercises/info.toml in teaching order, and each kata's folder.

A kata folder holds statement.md, hints.md, starter_<track>.py, solution_<track>.py and
cases.py (the test specification). The Python files there are data: they are loaded by
path when a kata is graded, never imported as part of the package.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from interviewprep.errors import UserError, close_names
from interviewprep.paths import exercises_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TRACKS = ("numpy", "torch")
DIFFICULTIES = ("easy", "medium", "hard")
INFO_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Kata:
    name: str
    function: str  # the first (or only) function the person writes
    section: str
    difficulty: str
    summary: str
    folder: Path
    # Every function the person writes, `function` first: info.toml's `functions` list
    # for a kata of several (lora_forward and lora_merge), else just `function`.
    functions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.functions:
            object.__setattr__(self, "functions", (self.function,))

    def starter(self, track: str) -> Path:
        return self.folder / f"starter_{track}.py"

    def solution(self, track: str) -> Path:
        return self.folder / f"solution_{track}.py"

    @property
    def statement_file(self) -> Path:
        return self.folder / "statement.md"

    @property
    def cases_file(self) -> Path:
        return self.folder / "cases.py"

    def statement(self) -> str:
        return self.statement_file.read_text(encoding="utf-8")

    def hints(self) -> list[str]:
        """The hints in order: hints.md split at its `## Hint N` headings."""
        text = (self.folder / "hints.md").read_text(encoding="utf-8")
        parts = re.split(r"^## Hint \d+\s*$", text, flags=re.MULTILINE)
        return [p.strip() for p in parts[1:] if p.strip()]

    def workspace_name(self, track: str) -> str:
        """The person's file name: `top_k_numpy.py` (never `numpy.py`, which would shadow
        numpy for any code next to it)."""
        return f"{self.name.replace('-', '_')}_{track}.py"


def load_catalog(root: Path | None = None) -> list[Kata]:
    """Every kata of info.toml, in teaching order."""
    root = root or exercises_dir()
    info_file = root / "info.toml"
    data = tomllib.loads(info_file.read_text(encoding="utf-8"))
    if data.get("format_version") != INFO_FORMAT_VERSION:
        raise UserError(f"{info_file}: unknown format_version {data.get('format_version')!r}")
    return [
        Kata(
            name=entry["name"],
            function=_functions(entry, info_file)[0],
            section=entry["section"],
            difficulty=entry["difficulty"],
            summary=entry["summary"],
            folder=root / entry["name"],
            functions=_functions(entry, info_file),
        )
        for entry in data["kata"]
    ]


def _functions(entry: dict[str, Any], info_file: Path) -> tuple[str, ...]:
    """A kata's `function = "name"`, or `functions = ["first", "second"]` for several."""
    one, several = entry.get("function"), entry.get("functions")
    if (one is None) == (several is None):
        raise UserError(f"{info_file}: kata {entry.get('name')!r} needs exactly one of "
                        "`function` (a name) or `functions` (a list of names)")  # fmt: skip
    names = [one] if several is None else several
    if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
        raise UserError(f"{info_file}: kata {entry.get('name')!r}: `functions` must be a "
                        "non-empty list of names")  # fmt: skip
    return tuple(names)


def find_kata(name: str, root: Path | None = None) -> Kata:
    """The kata called `name`, or a UserError that suggests the closest names."""
    katas = load_catalog(root)
    for kata in katas:
        if kata.name == name:
            return kata
    close = close_names(name, [k.name for k in katas], n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "see `interviewprep kata list`"
    raise UserError(f"no kata named '{name}'", hint=hint)


def check_track(track: str) -> str:
    if track not in TRACKS:
        raise UserError(f"unknown track '{track}'", hint="tracks: " + ", ".join(TRACKS))
    return track


def load_module(path: Path, name: str) -> ModuleType:
    """Import a kata data file by path under a private module name."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - only for a broken install
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module_name(kata: Kata, part: str) -> str:
    return f"interviewprep_kata_{kata.name.replace('-', '_')}_{part}"


def load_spec(kata: Kata) -> Any:
    """The kata's KataSpec, from the `SPEC` of its cases.py."""
    return load_module(kata.cases_file, _module_name(kata, "cases")).SPEC


def load_reference(kata: Kata, track: str = "numpy") -> Any:
    """The reference function of the given track (the kata's first function)."""
    return load_references(kata, track)[kata.function]


def load_references(kata: Kata, track: str = "numpy") -> dict[str, Any]:
    """Every reference function of the given track, by name."""
    module = load_module(kata.solution(track), _module_name(kata, f"solution_{track}"))
    return {name: getattr(module, name) for name in kata.functions}
