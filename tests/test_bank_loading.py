"""The bank loader: every valid card type, and every kind of problem it must report."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.bank import CardType
from interviewprep.bank.library import bank_files, load_files
from tests.banks import HEADER, bank_text


def load(path: Path):  # type: ignore[no-untyped-def]
    files, missing = bank_files([path])
    library = load_files(files)
    return library, [*missing, *library.problems]


def test_every_card_type_loads(write_bank) -> None:
    library, problems = load(write_bank(bank_text()))
    assert problems == []
    cards = library.cards
    assert {c.type for c in cards.values()} == set(CardType)
    assert cards["t-mcq"].answer == "GPT" and cards["t-mcq"].choices == ("GPT", "BERT", "T5")
    assert cards["t-multi"].answers == ("BPE", "WordPiece")
    assert cards["t-cloze"].blanks == (("sqrt(d_k)", "√d_k"), ("softmax",))
    assert cards["t-numeric"].answer == 350.0
    assert cards["t-numeric"].tolerance == pytest.approx(0.05)
    assert cards["t-numeric"].tolerance_relative
    assert cards["t-short"].accept == ("byte pair encoding",)
    rubric = cards["t-open"].rubric
    assert rubric[0].keywords == ("query", "key")
    assert "softmax" in rubric[1].keywords
    assert cards["t-open"].note == "The guide leaves out masking."
    assert all(c.deck == "deck" for c in cards.values())


BAD_CARDS = {
    # name: (card yaml, expected message fragment, expected line)
    "missing field": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weights\n",
        "missing field 'answer'",
        4,
    ),
    "unknown field": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: a\n    explaination: e\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "unknown field 'explaination' for a flashcard card; did you mean 'explanation'?",
        8,
    ),
    "wrong type of value": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: 512\n    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'answer' must be text, got a number (512)",
        7,
    ),
    "unknown card type": (
        "  - id: x1\n    type: essay\n    prompt: p\n    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'type' is 'essay'; expected one of flashcard",
        5,
    ),
    "mcq answer not a choice": (
        "  - id: x1\n    type: mcq\n    prompt: p\n    choices: [a, b]\n    answer: c\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'answer' 'c' is not one of the choices",
        8,
    ),
    "multi answer not a choice": (
        "  - id: x1\n    type: multi\n    prompt: p\n    choices: [a, b]\n    answers: [a, z]\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'answers' 'z' is not one of the choices",
        8,
    ),
    "cloze without blank": (
        "  - id: x1\n    type: cloze\n    prompt: no blank\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "a cloze card needs at least one blank",
        6,
    ),
    "numeric without tolerance": (
        "  - id: x1\n    type: numeric\n    prompt: p\n    answer: 3\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "missing field 'tolerance'",
        4,
    ),
    "numeric answer not a number": (
        "  - id: x1\n    type: numeric\n    prompt: p\n    answer: three\n    tolerance: 0\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'answer' of a numeric card must be a number",
        7,
    ),
    "source not in guide": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: a\n    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weight\n",
        "'source' 'Weight' is not a section of the guide",
        11,
    ),
    "tag not a string": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: a\n    explanation: e\n"
        "    tags: [ok, 7]\n    difficulty: easy\n    source: Weights\n",
        "every item of 'tags' must be non-empty text",
        9,
    ),
    "tags not a list": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: a\n    explanation: e\n"
        "    tags: attention\n    difficulty: easy\n    source: Weights\n",
        "'tags' must be a list of texts",
        9,
    ),
    "bad difficulty": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    answer: a\n    explanation: e\n"
        "    tags: []\n    difficulty: 3\n    source: Weights\n",
        "'difficulty' is 3; expected one of easy, medium, hard",
        10,
    ),
    "open rubric too short": (
        "  - id: x1\n    type: open\n    prompt: p\n    answer: a\n    rubric: [one]\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'rubric' must be a list of 2 to 10 key points",
        8,
    ),
    "bad id": (
        "  - id: Has Spaces\n    type: flashcard\n    prompt: p\n    answer: a\n"
        "    explanation: e\n"
        "    tags: []\n    difficulty: easy\n    source: Weights\n",
        "may use only lowercase letters",
        4,
    ),
    "key written twice": (
        "  - id: x1\n    type: flashcard\n    prompt: p\n    prompt: q\n    answer: a\n"
        "    explanation: e\n    tags: []\n    difficulty: easy\n    source: Weights\n",
        "'prompt' is written twice",
        7,
    ),
}


@pytest.mark.parametrize("name", BAD_CARDS)
def test_each_problem_is_reported_with_file_line_and_id(write_bank, name: str) -> None:
    card, fragment, line = BAD_CARDS[name]
    path = write_bank(HEADER + card)
    library, problems = load(path)
    assert library.cards == {}
    messages = [str(p) for p in problems]
    matching = [m for m in messages if fragment in m]
    assert matching, messages
    expected_id = "Has Spaces" if name == "bad id" else "x1"
    assert matching[0].startswith(f"{path}:{line}: {expected_id}: "), matching[0]


def test_duplicate_ids_across_files(write_bank) -> None:
    first = write_bank(bank_text("flashcard"), name="a.yaml")
    second = write_bank(bank_text("flashcard", "mcq"), name="b.yaml")
    library, problems = load(first.parent)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{second}:4: t-flash: duplicate id")
    assert f"first defined at {first}:4" in str(problems[0])
    assert [d.id for d in library.decks] == ["a"]  # the deck with the clash is left out


def test_all_problems_of_a_file_are_listed(write_bank) -> None:
    text = HEADER + (
        "  - id: x1\n    type: mcq\n    prompt: p\n    choices: [a, b]\n    answer: c\n"
        "    explanation: e\n    tags: [1]\n    difficulty: easy\n    source: Nope\n"
    )
    _, problems = load(write_bank(text))
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),
        (b"- a\n- b\n", "the top level is a list"),
        (b"just a string\n", "the top level is text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage", "not a UTF-8 text file"),
        (b"format: 1\ntitle: t\ncards: [\n", "YAML syntax error"),
        (b"format: 1\ntitle: t\n", "missing top-level field 'cards'"),
        (b"format: 1\ntitle: t\ncards: []\nauthor: me\n", "unknown top-level field 'author'"),
        (b"format: 2\ntitle: t\ncards: []\n", "bank format 2 is newer"),
        (b"format: 1\ntitle: t\ncards: {}\n", "'cards' must be a list"),
    ],
)
def test_malformed_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    _, problems = load(path)
    assert problems and fragment in problems[0].message, problems


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'format: 1\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n')
    _, problems = load(path)
    assert "!!python/object/apply:os.system is not allowed" in problems[0].message
    assert not marker.exists()


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n")
    _, problems = load(path)
    assert "anchors" in problems[0].message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    _, problems = load(path)
    assert "nesting deeper" in problems[0].message


def test_missing_path_is_reported(tmp_path: Path) -> None:
    _, problems = load(tmp_path / "nowhere")
    assert problems[0].message == "no such file or folder"


def test_large_generated_bank_loads(write_bank) -> None:
    from benchmarks.generate import generated_bank_text

    library, problems = load(write_bank(generated_bank_text(10_000)))
    assert problems == []
    assert len(library.cards) == 10_000


def test_exponent_numbers_that_yaml_reads_as_text_are_numbers(write_bank) -> None:
    text = (
        bank_text("numeric")
        .replace("answer: 350", "answer: 3.5e2")
        .replace("tolerance: 5%", "tolerance: 1e1")
    )
    library, problems = load(write_bank(text))
    assert problems == []
    card = library.cards["t-numeric"]
    assert (card.answer, card.tolerance, card.tolerance_relative) == (350.0, 10.0, False)


def test_study_order_follows_the_guide_then_beyond_it() -> None:
    from interviewprep.bank.library import guide_section_order, in_guide_order, load_library

    order = guide_section_order()
    cards = list(load_library().cards.values())
    ordered = in_guide_order(cards, order)
    assert sorted(c.id for c in ordered) == sorted(c.id for c in cards)
    ranks = [order.get(c.source, len(order)) for c in ordered]
    assert ranks == sorted(ranks)
    assert ordered[0].source == next(iter(order))  # the guide's first section
    beyond = [i for i, c in enumerate(ordered) if c.source.startswith("Beyond the guide:")]
    assert beyond == list(range(len(ordered) - len(beyond), len(ordered)))
    # Within a section, the decks' own order is kept.
    first_section = [c.id for c in cards if c.source == ordered[0].source]
    assert [c.id for c in ordered[: len(first_section)]] == first_section
