"""Bad bank files: generated YAML and mutated real decks load cleanly or give problems
with file, line and message; never an exception. YAML bombs are refused."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.bank.library import load_files
from interviewprep.paths import content_dir
from tests.cli import run_cli

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REAL_DECKS = sorted(content_dir().glob("*.yaml"))
FIELDS = ["format", "title", "cards", "id", "type", "prompt", "answer", "answers", "choices",
          "explanation", "tags", "difficulty", "source", "note", "tolerance", "unit", "rubric",
          "accept", "point", "keywords", "<<", "?"]  # fmt: skip
TYPES = ["flashcard", "mcq", "multi", "cloze", "numeric", "short", "open", "x"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from([*TYPES, "easy", "hard", "Weights", "{{a}}", "{{}}", "5%", "1e3", "-"]),
    st.dates(),
    st.binary(max_size=8),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8), st.integers(), st.booleans())
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)
bankish = st.fixed_dictionaries(
    {"format": st.one_of(st.just(1), scalars), "title": st.one_of(st.just("T"), scalars)},
    optional={
        "cards": st.lists(
            st.one_of(
                st.dictionaries(st.sampled_from(FIELDS), documents, max_size=12),
                documents,
            ),
            max_size=4,
        ),
        "description": scalars,
    },
)


def check(path: Path) -> None:
    """Load one file: a clean deck, or problems that each say where and what."""
    library = load_files([path])
    if library.problems:
        assert not library.decks
        for problem in library.problems:
            assert problem.file == path
            assert isinstance(problem.line, int) and problem.line >= 1
            assert isinstance(problem.message, str) and problem.message.strip()
            str(problem)
    else:
        assert len(library.decks) == 1


def dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(value=st.one_of(documents, bankish), flow=st.booleans())
def test_generated_documents(value: object, flow: bool, tmp_path: Path) -> None:
    path = tmp_path / "gen.yaml"
    path.write_text(
        yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True), encoding="utf-8"
    )
    check(path)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text(text: str, tmp_path: Path) -> None:
    path = tmp_path / "text.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check(path)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(data)
    check(path)


INSERTS = ["&a ", "*a", "!!python/object:os.system ", "!!binary ", "!!set ", "!!omap ",
           "<<: {x: 1}", "? ", "- ", ": ", "{", "}", "[", "]", "'", '"', "#", "|", ">",
           "%YAML 1.1\n", "---\n", "...\n", "\t", "\x00", "\x1b[2J", "\u202e", "\ufeff",
           "&b [*b]", "!custom ", "{{", "}}", "~", "null", "1e9999", "9" * 5000,
           "0x" + "f" * 5000, "1:" * 2000 + "1", ".nan", "-.inf", "-1"]  # fmt: skip


def mutate(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(7)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = " " * rng.choice([1, 2, 3, 4]) + lines[i]
        elif op == 4:
            lines[i] = lines[i].lstrip(" ")[: rng.randint(0, 3)] + lines[i].lstrip(" ")
        else:
            at = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + rng.choice(INSERTS) + lines[i][at:]
    return lines


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), deck=st.sampled_from(REAL_DECKS))
def test_mutated_real_decks(seed: int, deck: Path, tmp_path: Path) -> None:
    lines = deck.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / deck.name
    path.write_text("".join(mutate(lines, random.Random(seed))), encoding="utf-8")
    check(path)


def test_mutated_decks_through_validate(tmp_path: Path) -> None:
    """The command, too: problems or ok, exit 0 or 2, never a traceback."""
    rng = random.Random(11)
    folder = tmp_path / "mutants"
    folder.mkdir()
    for n, deck in enumerate(REAL_DECKS * 2):
        lines = deck.read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / f"m{n}.yaml").write_text("".join(mutate(lines, rng)), encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "problem(s) in" in result.stdout


def test_merge_keys_load_with_their_lines(tmp_path: Path) -> None:
    """PyYAML flattens a merge into the parsed nodes, so lines still point at the text."""
    path = tmp_path / "merge.yaml"
    path.write_text("format: 1\ntitle: T\n<<: {cards: [1]}\n", encoding="utf-8")
    problems = load_files([path]).problems
    assert [(p.line, p.message) for p in problems] == [
        (3, "a card must be a mapping of fields, got a number (1)")
    ]


# -- bombs: refused, with a generous timeout as a guard against a hang ---------------------


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


BOMBS = {
    "billion-laughs": (lambda: billion_laughs(), "anchors"),
    "deep-flow": (lambda: "[" * 100_000 + "]" * 100_000, "nesting deeper"),
    "deep-block": (
        lambda: "".join(" " * i + "- \n" for i in range(0, 2000, 2)) + " " * 2000 + "x\n",
        "nesting deeper",
    ),
    "long-line": (lambda: "[" + "1," * 30_000_000 + "1]", "line longer"),
    "many-items": (lambda: "- 1\n" * 5_100_000, "YAML items"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_yaml_bombs_are_refused(name: str, tmp_path: Path) -> None:
    make, fragment = BOMBS[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(make(), encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path}:" in result.stdout and fragment in result.stdout, result.stdout[-500:]


# -- numbers: any scalar as a numeric card's answer or tolerance ---------------------------

number_texts = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(90, 6000).map(lambda n: "9" * n),
    st.integers(1, 3000).map(lambda n: "0x" + "f" * n),
    st.integers(1, 2000).map(lambda n: "1:" * n + "1"),
    st.sampled_from([".nan", ".inf", "-.inf", ".NaN", "1e400", "-1e400", "1e100", "-0", "5%",
                     '"100%"', '"101%"', '"1e999%"', '"-5%"', "1_000", "0b101", "0o17", "~"]),
    st.text(max_size=12).map(lambda t: yaml.safe_dump(t).removesuffix("\n...\n").strip()),
)  # fmt: skip


@SETTINGS
@given(answer=number_texts, tolerance=number_texts)
def test_any_number_in_a_numeric_card(answer: str, tolerance: str, tmp_path: Path) -> None:
    """A clean card or a problem at its line; a loaded card's numbers are finite and sane."""
    import math

    from tests.banks import bank_text

    text = (
        bank_text("numeric")
        .replace("answer: 350", f"answer: {answer}")
        .replace("tolerance: 5%", f"tolerance: {tolerance}")
    )
    path = tmp_path / "numbers.yaml"
    path.write_text(text, encoding="utf-8")
    check(path)
    library = load_files([path])
    for card in library.cards.values():
        assert isinstance(card.answer, float) and math.isfinite(card.answer)
        assert abs(card.answer) <= 1e100
        assert math.isfinite(card.tolerance) and 0 <= card.tolerance <= 1e100
        assert not card.tolerance_relative or card.tolerance <= 1
    for problem in library.problems:
        assert len(str(problem)) < 400  # a huge number is never spelled out
