"""The Anki side of the first-card benchmark: a collection of N generated cards, opened
by Anki's own library (the `anki` package, a dev dependency) in a fresh process."""

from __future__ import annotations

import random
from pathlib import Path

# A fresh Python that opens the collection and takes its first queued card (the v3
# scheduler builds its queue: at most the deck's daily limits, 200 reviews and 20 new,
# by default), then says which card it is, as a review screen would show it.
FIRST_CARD = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
card = col.sched.getCard()
card.question()  # rendered, as a review screen would
print("FIRST CARD", card.note()["Front"] if card else None, flush=True)
col.close()
"""


def make_collection(path: Path, n: int, *, all_due: bool, seed: int = 0) -> None:
    """N review cards of the Basic note type in the Default deck, every one due (all_due)
    or due from 5 days ago to 30 days ahead, as benchmarks/generate.py's store. Notes
    and cards are written in bulk: adding 100,000 notes one by one takes minutes."""
    import sqlite3

    from anki.collection import Collection

    rng = random.Random(seed)
    col = Collection(str(path))
    try:
        model = col.models.by_name("Basic")
        assert model is not None
        first = col.new_note(model)
        first["Front"], first["Back"] = "Front 0?", "Back 0."
        col.add_note(first, col.decks.get_current_id())
        today = col.sched.today
    finally:
        col.close()
    # Anki's own executemany goes through its backend row by row (two minutes for
    # 100,000 cards); notes and cards are plain tables, so sqlite3 writes them.
    db = sqlite3.connect(path)
    try:
        note = db.execute("SELECT id, mid, mod FROM notes").fetchone()
        card = db.execute("SELECT did, mod FROM cards").fetchone()
        db.execute("DELETE FROM cards")
        db.execute("DELETE FROM notes")
        base = int(note[0])
        notes, cards = [], []
        for i in range(n):
            front = f"Front {i}?"
            notes.append((base + i, f"g{i:07d}", note[1], note[2], -1, " generated ",
                          f"{front}\x1fBack {i}.", front, 0, 0, ""))  # fmt: skip
            due = today - rng.randint(0, 5) if all_due else today + rng.randint(-5, 30)
            cards.append((base + i, base + i, card[0], 0, card[1], -1, 2, 2, due,
                          rng.randint(1, 60), 2500, 5, 0, 0, 0, 0, 0, "{}"))  # fmt: skip
        db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
        db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
        db.commit()
    finally:
        db.close()
