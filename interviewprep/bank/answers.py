"""A card's expected answer as plain text, for reports and feedback."""

from __future__ import annotations

from interviewprep.bank.model import Card, CardType


def format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.6g}"


def numeric_answer(card: Card) -> str:
    assert isinstance(card.answer, float)
    tol = card.tolerance
    spread = f"± {tol * 100:g}%" if card.tolerance_relative else f"± {format_number(tol)}"
    unit = f" {card.unit}" if card.unit else ""
    text = f"{format_number(card.answer)}{unit}"
    return f"{text} ({spread})" if tol else text


def expected_answer(card: Card) -> str:
    """One line saying what counts as right."""
    if card.type is CardType.NUMERIC:
        return numeric_answer(card)
    if card.type is CardType.CLOZE:
        return "; ".join(variants[0] for variants in card.blanks)
    if card.type is CardType.MULTI:
        return "; ".join(card.answers)
    return str(card.answer)
