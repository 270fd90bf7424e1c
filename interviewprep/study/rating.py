"""The four answers a person gives a card, as FSRS numbers them."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    """Stored as its integer (the review log's `rating`); equal to fsrs.Rating's values,
    kept here so that the screens can name ratings without importing fsrs."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


def rating_label(value: int) -> str:
    """'Good' for 3; the number itself for a value no Rating has (a damaged row)."""
    try:
        return Rating(value).label
    except ValueError:
        return str(value)
