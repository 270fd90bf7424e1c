"""Generated banks of any size, for benchmarks and scale tests."""

from __future__ import annotations

TYPES = ("flashcard", "mcq", "cloze", "numeric", "short")


def generated_card(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    common = (
        f"    explanation: Generated explanation {i}.\n"
        f"    tags: [generated, t{i % 17}]\n    difficulty: medium\n    source: Weights\n"
    )
    body = {
        "flashcard": f"    prompt: Front {i}?\n    answer: Back {i}.\n",
        "mcq": f"    prompt: Pick {i}\n    choices: [a{i}, b{i}, c{i}]\n    answer: b{i}\n",
        "cloze": f'    prompt: "Blank {{{{word{i}}}}} here."\n',
        "numeric": f"    prompt: Number {i}?\n    answer: {i}\n    tolerance: 1\n",
        "short": f"    prompt: Short {i}?\n    answer: word{i}\n",
    }[kind]
    return f"  - id: gen-{i:06d}\n    type: {kind}\n{body}{common}"


def generated_bank_text(n: int, title: str = "Generated") -> str:
    return f"format: 1\ntitle: {title}\ncards:\n" + "".join(generated_card(i) for i in range(n))


def fill_store(  # type: ignore[no-untyped-def]
    store_path, card_ids: list[str], reviews: int, seed: int = 0, *, all_due: bool = False
) -> None:
    """A store with `reviews` answers spread over two years and a state for every card.

    Mixed: due times from 5 days ago to 30 days ahead (about 14 % due now); all_due:
    every card came due in the last 5 days, the worst case for the first card.
    """
    import json
    import random
    import sqlite3
    from datetime import datetime, timedelta, timezone

    from interviewprep.store import open_store

    open_store(store_path).close()  # schema
    rng = random.Random(seed)
    end = datetime.now(timezone.utc)
    start = end - timedelta(days=730)
    span = (end - start).total_seconds()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA journal_mode = WAL")
    rows = []
    for i in range(reviews):
        when = start + timedelta(seconds=span * i / reviews)
        card = card_ids[rng.randrange(len(card_ids))]
        rating = 1 if rng.random() < 0.12 else 3
        prior = 2 if rng.random() < 0.8 else 1
        rows.append((card, when.isoformat(), rating, rng.randint(2000, 20000), "mcq", "a",
                     int(rating > 1), "study", 1, json.dumps({"fsrs_state": prior}),
                     3.0, (when + timedelta(days=3)).isoformat(),
                     when.astimezone().date().isoformat(), prior))  # fmt: skip
        if len(rows) == 50_000:
            _insert_reviews(conn, rows)
            rows = []
    _insert_reviews(conn, rows)
    states = []
    for card in card_ids:
        due = end + timedelta(days=rng.uniform(-5, -0.01) if all_due else rng.uniform(-5, 30))
        last = due - timedelta(days=rng.uniform(1, 20))
        states.append((card, 2, None, rng.uniform(1, 60), rng.uniform(1, 10), due.isoformat(),
                       last.isoformat(), 5, 0, start.isoformat()))  # fmt: skip
    conn.executemany("INSERT INTO card_state VALUES (?,?,?,?,?,?,?,?,?,?)", states)
    conn.commit()
    conn.close()


def _insert_reviews(conn, rows) -> None:  # type: ignore[no-untyped-def]
    conn.executemany(
        "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, card_type, answer, "
        "correct, mode, scheduled, state_before, interval_days, due_after, day, prior_state) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.commit()
