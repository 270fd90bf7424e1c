"""The graded code is not handed the way to the store or to the references: no
INTERVIEWPREP_ variable, no path in argv, our source checkout off sys.path, our packages
not importable, the kata workspace as the working folder."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from interviewprep.katas.catalog import find_kata
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.runner import ENV_PREFIX
from interviewprep.paths import HOME_ENV, exercises_dir, store_path

PROBE = """
import importlib.util, json, os, sys
import numpy as np


def _can_import(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


with open("seen.json", "w") as f:  # relative: lands in the working folder
    json.dump({
        "environ": dict(os.environ),
        "argv": sys.argv,
        "path": sys.path,
        "cwd": os.getcwd(),
        "interviewprep": _can_import("interviewprep"),
        "exercises": _can_import("exercises"),
        "exercises_softmax": _can_import("exercises.softmax.solution_numpy"),
    }, f)


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


@pytest.fixture
def seen(tmp_path: Path, isolated_home: Path) -> dict[str, object]:
    assert os.environ[HOME_ENV] == str(isolated_home)  # set for the grader...
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    path = workspace / "softmax_numpy.py"
    path.write_text(textwrap.dedent(PROBE), encoding="utf-8")
    assert grade(find_kata("softmax"), path).status is GradeStatus.PASSED
    data: dict[str, object] = json.loads((workspace / "seen.json").read_text())
    data["workspace"] = str(workspace)
    return data


def test_no_interviewprep_variable_reaches_the_code(seen: dict[str, object]) -> None:
    assert HOME_ENV.startswith(ENV_PREFIX)
    environ = seen["environ"]
    assert isinstance(environ, dict)
    assert not [k for k in environ if k.startswith(ENV_PREFIX)]  # ...not for the child
    home = str(store_path().parent)
    assert not [k for k, v in environ.items() if home in v]


def test_argv_names_no_folder_of_ours(seen: dict[str, object]) -> None:
    argv = seen["argv"]
    assert isinstance(argv, list) and len(argv) == 1  # the harness script alone
    assert str(store_path().parent) not in argv[0]


def test_the_references_are_not_on_the_import_path(seen: dict[str, object]) -> None:
    checkout = str(Path(__file__).resolve().parent.parent)
    path = seen["path"]
    assert isinstance(path, list)
    assert path[0] == seen["workspace"]
    assert checkout not in [os.path.realpath(p) for p in path]
    assert str(exercises_dir()) not in path
    assert seen["interviewprep"] is False
    assert seen["exercises"] is False and seen["exercises_softmax"] is False


def test_the_working_folder_is_the_kata_workspace(seen: dict[str, object]) -> None:
    assert seen["cwd"] == seen["workspace"]
