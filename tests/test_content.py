"""The shipped banks: coverage of the guide, our own words, and sane answers."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from interviewprep.bank import CardType
from interviewprep.bank.library import load_library
from tests.cli import run_cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MIN_GUIDE_CARDS = 220
MIN_BEYOND_CARDS = 250
MIN_PER_TOPIC = 10
MIN_PER_KATA = 3
# What LLM interviews ask in 2026 beyond the guide: a topic is a tag its cards carry.
TOPIC_TAGS = (
    "distributed-training", "serving", "speculative-decoding", "reasoning", "agents",
    "evaluation", "long-context", "multimodal", "safety", "llm-numbers", "system-design",
)  # fmt: skip
COPY_RUN = 8  # words in a row shared with the guide that count as copying


def section_minimums() -> dict[str, int]:
    path = SHARED / "guide-sections.tsv"
    if not path.exists():
        path = ROOT / "content" / "guide-sections.tsv"
    minimums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, count = line.split("\t")
            minimums[name] = int(count)
    return minimums


@pytest.fixture(scope="module")
def shipped_cards() -> list[dict]:
    result = run_cli("cards", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_shipped_section_list_matches_the_guides() -> None:
    if not (SHARED / "guide-sections.tsv").exists():
        pytest.skip("../shared is not beside this checkout")
    shipped = (ROOT / "content" / "guide-sections.tsv").read_text(encoding="utf-8")
    assert shipped == (SHARED / "guide-sections.tsv").read_text(encoding="utf-8")


def test_every_section_has_its_minimum_of_cards(shipped_cards: list[dict]) -> None:
    counts = Counter(card["source"] for card in shipped_cards)
    short = {
        name: f"{counts.get(name, 0)} of {minimum}"
        for name, minimum in section_minimums().items()
        if counts.get(name, 0) < minimum
    }
    assert short == {}


def test_enough_guide_and_beyond_the_guide_cards(shipped_cards: list[dict]) -> None:
    beyond = [c for c in shipped_cards if c["source"].startswith("Beyond the guide:")]
    guide = [c for c in shipped_cards if c["source"] in section_minimums()]
    assert len(guide) + len(beyond) == len(shipped_cards)
    assert len(guide) >= MIN_GUIDE_CARDS
    assert len(beyond) >= MIN_BEYOND_CARDS


def test_every_card_type_is_in_real_use(shipped_cards: list[dict]) -> None:
    used = Counter(card["type"] for card in shipped_cards)
    assert {t.value for t in CardType} <= set(used)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_cards_are_written_in_our_own_words() -> None:
    guide_path = SHARED / "guide.md"
    if not guide_path.exists():
        pytest.skip("../shared/guide.md is not beside this checkout")
    guide = _words(guide_path.read_text(encoding="utf-8"))
    runs = {tuple(guide[i : i + COPY_RUN]) for i in range(len(guide) - COPY_RUN + 1)}
    copied = []
    for card in load_library().cards.values():
        fields = [card.prompt, card.explanation, card.note or "", str(card.answer or "")]
        fields += list(card.choices) + [p.point for p in card.rubric]
        for text in fields:
            words = _words(text)
            for i in range(len(words) - COPY_RUN + 1):
                if tuple(words[i : i + COPY_RUN]) in runs:
                    copied.append(f"{card.id}: {' '.join(words[i : i + COPY_RUN])}")
                    break
    assert copied == []


def test_each_of_the_six_interview_questions_has_an_open_card_with_4_to_8_points() -> None:
    library = load_library()
    for name in _SIX_QUESTIONS:
        assert name in section_minimums()
        opens = [c for c in library.cards.values() if c.source == name and c.type is CardType.OPEN]
        assert opens, name
        assert all(4 <= len(c.rubric) <= 8 for c in opens), name


_SIX_QUESTIONS = {
    "Explain how attention mechanisms work",
    "What is the difference between GPT and BERT?",
    "How do you handle hallucination in LLMs?",
    "Explain the training process of an LLM",
    "What are the trade-offs between model size and performance?",
    "How would you evaluate an LLM's performance?",
}


def test_ids_and_decks() -> None:
    library = load_library()
    assert library.problems == []
    for card in library.cards.values():
        assert card.explanation.strip()
        if card.type is CardType.MCQ:
            assert len(set(card.choices)) == len(card.choices) >= 3, card.id


def _beyond(cards: list[dict]) -> list[dict]:
    return [c for c in cards if c["source"].startswith("Beyond the guide:")]


def test_every_2026_topic_has_enough_cards(shipped_cards: list[dict]) -> None:
    counts = Counter(tag for c in _beyond(shipped_cards) for tag in c["tags"])
    short = {t: counts.get(t, 0) for t in TOPIC_TAGS if counts.get(t, 0) < MIN_PER_TOPIC}
    assert short == {}
    system_design = [c for c in shipped_cards if "system-design" in c["tags"]]
    assert sum(1 for c in system_design if c["type"] == "open") >= 8


def test_every_beyond_the_guide_card_names_its_dated_source(shipped_cards: list[dict]) -> None:
    undated = [c["id"] for c in _beyond(shipped_cards) if not c["refs"]]
    assert undated == []


def test_every_kata_has_cards_that_name_it(shipped_cards: list[dict]) -> None:
    from interviewprep.katas.catalog import load_catalog

    katas = {k.name for k in load_catalog()}
    named = Counter(c["kata"] for c in shipped_cards if c["kata"])
    assert set(named) <= katas  # a card never points at a kata that does not exist
    short = {k: named.get(k, 0) for k in sorted(katas) if named.get(k, 0) < MIN_PER_KATA}
    assert short == {}


def test_open_rubrics_credit_a_strong_answer_in_other_words() -> None:
    """Each system-design rubric is hit mostly by its own model answer (a strong answer
    written once, in full sentences); a rubric its model answer misses is too narrow."""
    from interviewprep.study.grading import grade_open

    library = load_library()
    weak = []
    for card in library.cards.values():
        if card.type is CardType.OPEN and "system-design" in card.tags:
            grade = grade_open(card, str(card.answer))
            if (grade.score or 0) < 0.75:
                weak.append(f"{card.id}: {grade.score:.2f}")
    assert weak == []
