"""Forward-only, named migrations. Append new ones; never edit one that has shipped.

Times are stored as ISO-8601 UTC text ("2026-11-29T08:15:00.000000+00:00"), which
sorts in time order and reads back unambiguously.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        -- FSRS memory state of every card ever studied; no row means the card is new.
        CREATE TABLE card_state (
            card_id TEXT PRIMARY KEY,
            fsrs_state INTEGER NOT NULL,      -- fsrs.State: 1 learning, 2 review, 3 relearning
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            first_reviewed TEXT NOT NULL
        );
        CREATE INDEX card_state_due ON card_state(due);

        -- What the person did to a card besides answering it.
        CREATE TABLE card_flags (
            card_id TEXT PRIMARY KEY,
            suspended INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            flagged INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0
        );

        -- Every answer given, in study, quiz or interview mode.
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            card_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            rating INTEGER NOT NULL,          -- fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
            duration_ms INTEGER NOT NULL,
            card_type TEXT NOT NULL,
            answer TEXT,                      -- what the person typed or chose
            correct INTEGER,                  -- 1/0 for auto-graded types, NULL if self-graded
            mode TEXT NOT NULL,               -- study | quiz | interview
            scheduled INTEGER NOT NULL,       -- 1 when the answer moved the FSRS state
            state_before TEXT,                -- JSON of card_state before, so undo can restore it
            interval_days REAL,               -- the interval the answer gave, when scheduled
            due_after TEXT
        );
        CREATE INDEX review_log_time ON review_log(reviewed_at);
        CREATE INDEX review_log_card ON review_log(card_id, reviewed_at);

        CREATE TABLE kata_progress (
            kata TEXT NOT NULL,
            track TEXT NOT NULL,
            started_at TEXT NOT NULL,
            passed_at TEXT,
            hints_shown INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kata, track)
        );

        CREATE TABLE kata_attempt (
            id INTEGER PRIMARY KEY,
            kata TEXT NOT NULL,
            track TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            status TEXT NOT NULL,             -- passed | failed | error
            cases_passed INTEGER NOT NULL,
            cases_total INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL
        );
        CREATE INDEX kata_attempt_kata ON kata_attempt(kata, track, checked_at);

        CREATE TABLE interview_session (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            questions INTEGER NOT NULL,
            mean_score REAL,
            transcript TEXT NOT NULL          -- path of the Markdown transcript
        );
        """,
    ),
    (
        "002_review_day_and_prior_state",
        """
        -- The local calendar day of each answer (streaks, the activity calendar) and
        -- the card's FSRS state before it (retention counts answers to review cards),
        -- as columns so stats over a million rows use indexes, not JSON or date().
        ALTER TABLE review_log ADD COLUMN day TEXT;
        ALTER TABLE review_log ADD COLUMN prior_state INTEGER;
        UPDATE review_log SET
            day = date(reviewed_at, 'localtime'),
            prior_state = json_extract(state_before, '$.fsrs_state');
        CREATE INDEX review_log_day ON review_log(day);
        CREATE INDEX card_flags_suspended ON card_flags(suspended);
        """,
    ),
    (
        "003_application_id",
        """
        -- 0x49565052, "IVPR": marks the file as an interviewprep store, so that another
        -- program's database, or a journal written by one, is refused on open instead
        -- of being migrated or replayed into it (store/identity.py).
        PRAGMA application_id = 1230393426;
        """,
    ),
    (
        "004_kata_schedule",
        """
        -- Each (kata, track) as an FSRS card, with card_state's columns; no row: the kata
        -- was never practised to the end of a round on that track.
        CREATE TABLE kata_card (
            kata TEXT NOT NULL,
            track TEXT NOT NULL,
            fsrs_state INTEGER NOT NULL,      -- fsrs.State: 1 learning, 2 review, 3 relearning
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            first_reviewed TEXT NOT NULL,
            PRIMARY KEY (kata, track)
        );
        CREATE INDEX kata_card_due ON kata_card(due);

        -- One attempt at a kata from a blank file, open (finished_at NULL) until a
        -- check passes, the person gives up or views the reference.
        CREATE TABLE kata_round (
            id INTEGER PRIMARY KEY,
            kata TEXT NOT NULL,
            track TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,                     -- passed | gave_up | solution; NULL while open
            rating INTEGER,                   -- fsrs.Rating the round gave; NULL while open
            failed_checks INTEGER NOT NULL DEFAULT 0,
            hints INTEGER NOT NULL DEFAULT 0,
            seconds REAL                      -- start to finish; NULL while open
        );
        -- At most one open round per kata and track.
        CREATE UNIQUE INDEX kata_round_open ON kata_round(kata, track) WHERE finished_at IS NULL;
        CREATE INDEX kata_round_kata ON kata_round(kata, track, finished_at);
        """,
    ),
]
