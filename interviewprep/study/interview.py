"""A mock interview: open questions, typed answers, rubric coverage, self-scores, and
a Markdown transcript rewritten after every question so nothing is lost."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from interviewprep.bank import Card, CardType
from interviewprep.fsutil import create_unique
from interviewprep.store.db import Store
from interviewprep.store.interviews import start_interview, update_interview
from interviewprep.store.reviews import Review, record_review
from interviewprep.study.grading import Grade, grade_open

SCORE_MAX = 5
# A 1-5 self-score as an FSRS-style rating for the review log: 1-2 Again ... 5 Easy.
SCORE_TO_RATING = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}


@dataclass(frozen=True)
class Answered:
    card: Card
    answer: str
    grade: Grade
    score: int
    seconds: float


def pick_questions(cards: Sequence[Card], count: int, rng: random.Random) -> list[Card]:
    open_cards = [c for c in cards if c.type is CardType.OPEN]
    return rng.sample(open_cards, min(count, len(open_cards)))


def transcript_markdown(started: datetime, answered: Sequence[Answered], planned: int) -> str:
    local = started.astimezone()
    lines = [f"# Mock interview, {local:%Y-%m-%d %H:%M}", ""]
    scores = [a.score for a in answered]
    if scores:
        lines += [
            f"Questions answered: {len(answered)} of {planned}; "
            f"mean self-score {sum(scores) / len(scores):.1f} / {SCORE_MAX}.",
            "",
        ]
    for number, item in enumerate(answered, start=1):
        hits = sum(item.grade.parts)
        lines += [
            f"## {number}. {item.card.prompt.strip()}",
            "",
            f"*Card `{item.card.id}` · {item.card.source} · {item.seconds:.0f} s · "
            f"self-score {item.score}/{SCORE_MAX} · rubric {hits}/{len(item.grade.parts)}*",
            "",
            "### Your answer",
            "",
            item.answer.strip() or "(no answer)",
            "",
            "### Rubric",
            "",
        ]
        lines += [
            f"- [{'x' if hit else ' '}] {point.point}"
            for point, hit in zip(item.card.rubric, item.grade.parts, strict=True)
        ]
        lines += ["", "### Model answer", "", str(item.card.answer).strip(), ""]
    return "\n".join(lines)


@dataclass
class MockInterview:
    store: Store
    questions: list[Card]
    folder: Path
    clock: Callable[[], datetime]
    minutes: float | None = None
    answered: list[Answered] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.started = self.clock()
        # Created under a name of its own: two interviews started in one second (or on
        # a fixed clock) must not write one transcript over the other.
        stamp = f"{self.started.astimezone():%Y-%m-%d-%H%M%S}"
        self.path = create_unique(self.folder, stamp, ".md")
        self.id = start_interview(self.store, self.started, self.path)
        self._save(finished=False)

    def remaining(self) -> timedelta | None:
        if self.minutes is None:
            return None
        return timedelta(minutes=self.minutes) - (self.clock() - self.started)

    def time_up(self) -> bool:
        left = self.remaining()
        return left is not None and left <= timedelta(0)

    def next_question(self) -> Card | None:
        if self.time_up() or len(self.answered) >= len(self.questions):
            return None
        return self.questions[len(self.answered)]

    def grade(self, card: Card, answer: str) -> Grade:
        return grade_open(card, answer)

    def record(
        self, card: Card, answer: str, score: int, seconds: float, grade: Grade | None = None
    ) -> Answered:
        """Keep one answered question: review log, transcript and session row, now.
        `grade` is the one already shown for this answer, if any (not worked out again)."""
        if not 1 <= score <= SCORE_MAX:
            raise ValueError(f"score must be 1-{SCORE_MAX}")
        item = Answered(card, answer, grade or self.grade(card, answer), score, seconds)
        self.answered.append(item)
        record_review(
            self.store,
            Review(
                card_id=card.id, reviewed_at=self.clock(), rating=SCORE_TO_RATING[score],
                duration_ms=int(seconds * 1000), card_type=card.type.value, mode="interview",
                answer=answer, correct=None, scheduled=False,
            ),
            None,
        )  # fmt: skip
        self._save(finished=False)
        return item

    def mean_score(self) -> float | None:
        scores = [a.score for a in self.answered]
        return sum(scores) / len(scores) if scores else None

    def finish(self) -> None:
        self._save(finished=True)

    def _save(self, *, finished: bool) -> None:
        text = transcript_markdown(self.started, self.answered, len(self.questions))
        tmp = self.path.with_suffix(".md.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(self.path)
        update_interview(
            self.store, self.id, len(self.answered), self.mean_score(),
            self.clock() if finished else None,
        )  # fmt: skip
