"""Rendering cards with rich. Card text is always shown literally."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interviewprep.bank import Card, CardType
from interviewprep.bank.answers import numeric_answer
from interviewprep.bank.model import BLANK_PATTERN

if TYPE_CHECKING:
    from interviewprep.study.grading import Grade

# Terminal control characters (ESC, BEL, backspace, carriage return...) would let a
# bank file move the cursor, recolour or retitle the terminal: show them as escapes.
# Bidirectional overrides and isolates reorder the text around them on screen (the
# "Trojan Source" trick): a prompt could show a different answer than it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    return _CONTROL.sub(_escape, text)


def markdown(text: str) -> RenderableType:
    """Card text as Markdown (code blocks highlighted); Rich markup is not interpreted."""
    # Imported here: most listings use this module for plain text only, and Markdown
    # brings markdown-it with it.
    from rich.markdown import Markdown

    return Markdown(safe_text(text), code_theme="monokai")


def plain(text: str, style: str = "") -> Text:
    return Text(safe_text(text), style=style)


def answer_lines(card: Card) -> list[RenderableType]:
    """What counts as the answer, in the card type's own terms."""
    if card.type is CardType.CLOZE:
        return [
            plain(f"blank {i + 1}: " + " | ".join(v), "green") for i, v in enumerate(card.blanks)
        ]
    if card.type is CardType.NUMERIC:
        return [plain(numeric_answer(card), "green")]
    if card.type is CardType.MULTI:
        return [plain(f"✓ {a}", "green") for a in card.answers]
    if card.type is CardType.OPEN:
        items: list[RenderableType] = [markdown(str(card.answer)), plain("Rubric:", "bold")]
        items += [plain(f"• {p.point}") for p in card.rubric]
        return items
    lines: list[RenderableType] = [markdown(str(card.answer))]
    if card.accept:
        lines.append(plain("also accepted: " + ", ".join(card.accept), "dim"))
    return lines


def masked_prompt(card: Card) -> str:
    """A cloze prompt with its blanks hidden and numbered; other prompts as written."""
    if card.type is not CardType.CLOZE:
        return card.prompt
    count = 0

    def blank(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        # Box-drawing underscores: Markdown would read ____ as emphasis.
        return f"‗‗‗‗({count})‗‗‗‗" if len(card.blanks) > 1 else "‗‗‗‗‗‗‗‗"

    return BLANK_PATTERN.sub(blank, card.prompt)


def rubric_feedback(card: Card, grade: Grade, noun: str = "points") -> list[RenderableType]:
    """Which rubric points an open answer hit, then the model answer."""
    body: list[RenderableType] = [
        plain(f"Rubric: {sum(grade.parts)} of {len(grade.parts)} {noun}", "bold")
    ]
    for point, hit in zip(card.rubric, grade.parts, strict=True):
        body.append(plain(f"{'✓' if hit else '✗'} {point.point}", "green" if hit else "red"))
    return [*body, plain("Model answer:", "bold"), markdown(str(card.answer))]


def choice_list(choices: Sequence[str]) -> Table:
    """a) b) c) ... with each choice's wrapped lines indented under its first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=4, no_wrap=True)
    grid.add_column()
    for i, choice in enumerate(choices):
        grid.add_row(f"{chr(ord('a') + i)})", plain(choice))
    return grid


def prompt_panel(card: Card, title: str = "", *, with_choices: bool = True) -> Panel:
    body: list[RenderableType] = [markdown(masked_prompt(card))]
    if with_choices and card.type in (CardType.MCQ, CardType.MULTI):
        body.append(choice_list(card.choices))
    return Panel(
        Group(*body),
        title=plain(title or f"{card.id} · {card.type.value}"),
        title_align="left",
        border_style="cyan",
    )


def explanation_panel(card: Card, *, missed: bool = False) -> Panel:
    """Why the answer is right; after a miss, the kata that practises the idea."""
    body: list[RenderableType] = [markdown(card.explanation)]
    if card.note:
        body.append(plain("Note: " + card.note, "yellow"))
    if card.refs:
        body.append(plain("Sources: " + "; ".join(card.refs), "dim"))
    body.append(plain(f"Guide section: {card.source}", "dim"))
    if card.kata and missed:
        body.append(plain(f"Practise it in code: interviewprep kata start {card.kata}", "bold"))
    return Panel(Group(*body), title="Why", title_align="left", border_style="blue")


def card_view(card: Card) -> Group:
    """The whole card: prompt, answer, explanation, source (for `show`)."""
    meta = plain(
        f"deck {card.deck} · {card.difficulty.value} · tags: {', '.join(card.tags) or '-'}", "dim"
    )
    answer = Panel(
        Group(*answer_lines(card)), title="Answer", title_align="left", border_style="green"
    )
    parts: list[RenderableType] = [prompt_panel(card), answer, explanation_panel(card), meta]
    if card.kata:
        parts.append(plain(f"kata: interviewprep kata start {card.kata}", "dim"))
    return Group(*parts)
