"""The shipped katas are complete and consistent (like rustlings' `dev check`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from interviewprep.errors import UserError
from interviewprep.katas.catalog import DIFFICULTIES, TRACKS, find_kata
from interviewprep.katas.grader import GradeStatus, grade
from interviewprep.katas.numerics import chi2_sf
from interviewprep.katas.runner import RunStatus
from interviewprep.paths import exercises_dir, guide_sections_file
from tests.kata_helpers import FIXTURES, KATA_NAMES, KATAS

REQUIRED = {
    "softmax": "softmax",
    "attention": "scaled_dot_product_attention",
    "causal-mask": "causal_mask",
    "multi-head-attention": "multi_head_attention",
    "layer-norm": "layer_norm",
    "rms-norm": "rms_norm",
    "top-k": "top_k_filter",
    "top-p": "top_p_filter",
    "sampling": "sample",
}


def guide_sections() -> set[str]:
    lines = guide_sections_file().read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line and not line.startswith("#")}


def test_required_katas_with_fixed_function_names() -> None:
    assert {k.name: k.function for k in KATAS if k.name in REQUIRED} == REQUIRED


def test_every_listed_kata_has_its_files_and_every_folder_is_listed() -> None:
    folders = {p.name for p in exercises_dir().iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(KATA_NAMES)
    for kata in KATAS:
        for name in ("statement.md", "hints.md", "cases.py"):
            assert (kata.folder / name).is_file(), (kata.name, name)
        for track in TRACKS:
            assert kata.starter(track).is_file() and kata.solution(track).is_file()


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_metadata_statement_and_hints(kata) -> None:  # type: ignore[no-untyped-def]
    assert kata.difficulty in DIFFICULTIES
    assert kata.section in guide_sections() or kata.section.startswith("Beyond the guide: ")
    statement = kata.statement()
    assert f"**{kata.section}**" in statement  # names its guide section exactly
    for heading in ("## Shapes and conventions", "## Example"):
        assert heading in statement, kata.name
    assert len(kata.hints()) >= 3


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
@pytest.mark.parametrize("track", TRACKS)
def test_starter_defines_the_function_and_raises_not_implemented(kata, track) -> None:  # type: ignore[no-untyped-def]
    tree = ast.parse(kata.starter(track).read_text(encoding="utf-8"))
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for name in kata.functions:  # a kata may ask for several (info.toml `functions`)
        assert name in functions, (kata.name, name)
        assert ast.get_docstring(functions[name])
        assert "raise NotImplementedError" in ast.unparse(functions[name])


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_every_starter_fails_as_not_implemented(kata) -> None:  # type: ignore[no-untyped-def]
    report = grade(kata, kata.starter("numpy"), "numpy")
    assert report.status is GradeStatus.ERROR
    assert report.run is not None and report.run.status is RunStatus.NOT_IMPLEMENTED


@pytest.mark.parametrize("kata", KATA_NAMES)
def test_at_least_five_wrong_solutions_per_kata(kata: str) -> None:
    assert len(list((FIXTURES / kata).glob("wrong_*.py"))) >= 5


def test_unknown_kata_suggests_a_close_name() -> None:
    with pytest.raises(UserError) as info:
        find_kata("atention")
    assert "attention" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("statistic", "dof", "p"),
    [(3.841, 1, 0.05), (5.991, 2, 0.05), (7.815, 3, 0.05), (18.307, 10, 0.05), (0.0, 4, 1.0)],
)
def test_chi_square_survival_function(statistic: float, dof: int, p: float) -> None:
    assert chi2_sf(statistic, dof) == pytest.approx(p, abs=2e-4)


def test_exercise_data_is_not_part_of_the_package_import() -> None:
    # Kata folders are data loaded by path: no __init__.py makes them importable.
    assert not (exercises_dir() / "__init__.py").exists()
    assert not list(Path(exercises_dir()).glob("*/__init__.py"))
