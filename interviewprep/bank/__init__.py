"""Question banks: the card model, loading, validation and discovery."""

from interviewprep.bank.library import Library, load_library
from interviewprep.bank.model import Card, CardType, Deck, Difficulty, Problem, RubricPoint

__all__ = [
    "Card",
    "CardType",
    "Deck",
    "Difficulty",
    "Library",
    "Problem",
    "RubricPoint",
    "load_library",
]
