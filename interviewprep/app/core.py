"""App: the data folder, the clock, the configuration, the cards and the store."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.config import Config, load_config
from interviewprep.errors import UserError, close_names
from interviewprep.paths import CONFIG_FILENAME, STORE_FILENAME, data_home

if TYPE_CHECKING:
    from interviewprep.app.doctor import DoctorReport
    from interviewprep.app.katas import KataPractice
    from interviewprep.app.portable import Portability
    from interviewprep.app.today import DayPlan
    from interviewprep.bank import Card, Library, Problem
    from interviewprep.bank.report import DeckSummary, SectionCount
    from interviewprep.progress.stats import Stats
    from interviewprep.store import Store
    from interviewprep.store.interviews import InterviewRecord
    from interviewprep.store.restore import Restored
    from interviewprep.store.reviews import Review
    from interviewprep.study.card_states import CardState, FlagChange
    from interviewprep.study.interview import MockInterview
    from interviewprep.study.optimize import FitResult
    from interviewprep.study.session import CardPool, StudySession
    from interviewprep.study.workload import Workload

Clock = Callable[[], datetime]
EARLIEST_DAY = date(2000, 1, 1)  # before any answer this tool can have logged


def _no_cards() -> UserError:
    return UserError("no cards match that deck/tag/type", hint="see `interviewprep decks`")


def utc_now() -> datetime:
    """The one clock of the program: timezone-aware UTC, as fsrs requires."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class DeckOverview:
    decks: list[DeckSummary]
    sections: list[SectionCount]


@dataclass(frozen=True)
class Validation:
    """What `validate` found: every problem, in file and line order, and the files read."""

    files: int
    decks: int
    cards: int
    problems: list[Problem]

    @property
    def summary(self) -> str:
        if self.problems:
            bad = len({p.file for p in self.problems})
            return f"{len(self.problems)} problem(s) in {bad} of {self.files} file(s)"
        return (f"ok: {self.files} file(s), {self.decks} deck(s), {self.cards} card(s), "
                "no problems")  # fmt: skip


@dataclass(frozen=True)
class Setting:
    key: str
    value: object  # as config.toml writes it
    file: Path


@dataclass(frozen=True)
class Optimized:
    """What `optimize` did: the fit, and whether its parameters were saved (only when they
    predict the person's own history better than the ones in use)."""

    fit: FitResult
    saved: bool


@dataclass(frozen=True)
class CardChange:
    """One card's flags after `card suspend|bury|flag|...`; `changed` is False when the
    card was already so."""

    card_id: str
    change: str
    changed: bool


class App:
    """Opened on a data folder (default: the user's) and a clock (default: UTC now)."""

    def __init__(
        self,
        home: Path | None = None,
        clock: Clock = utc_now,
        extra_banks: Sequence[Path] = (),
    ) -> None:
        self.home = home if home is not None else data_home()
        self.clock = clock
        self.extra_banks = tuple(extra_banks)
        self._config: Config | None = None
        self._library: Library | None = None
        # Called when a write waits for another process's lock (the CLI says so).
        self.on_busy: Callable[[], None] | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.home / CONFIG_FILENAME)
        return self._config

    @property
    def library(self) -> Library:
        """The cards of the shipped decks, `bank_dirs` and the extra banks; decks with
        problems are left out and listed in `library.problems`."""
        if self._library is None:
            from interviewprep.bank import load_library

            self._library = load_library([*self.config.bank_dirs, *self.extra_banks])
        return self._library

    @contextmanager
    def store(self, *, writes: bool = False) -> Iterator[Store]:
        """The progress store; the day's first opening by a command that writes backs it
        up first, whichever command that is."""
        from interviewprep.store import open_store

        store = open_store(self.store_file)
        store.on_busy = self.on_busy
        try:
            if writes:
                from interviewprep.store.backup import daily_backup

                daily_backup(store, self.config.backups_kept, self._local_today())
            yield store
        finally:
            store.close()

    def _local_today(self) -> date:
        return self.clock().astimezone().date()

    # -- settings and banks ------------------------------------------------------------

    def settings(self) -> dict[str, object]:
        """Every setting's value as config.toml writes it."""
        from interviewprep.config import config_to_toml

        return config_to_toml(self.config)

    def set_setting(self, key: str, text: str | None) -> Setting:
        """Change one setting (None: back to its default); the value is checked first and
        the file written atomically, with only what differs from the defaults."""
        from interviewprep.config import config_to_toml, save_config, with_setting

        config = with_setting(self.config, key, text, self._local_today())
        save_config(config, self.home / CONFIG_FILENAME)
        self._config = config
        # A setting with no value (interview_date cleared) has no TOML form: None.
        return Setting(key, config_to_toml(config).get(key), self.home / CONFIG_FILENAME)

    def validate(self, paths: Sequence[Path] = ()) -> Validation:
        """Check bank files (the shipped ones when none are given). An unchanged file's
        problems come from the signed cache, keyed by its bytes and the validator's own
        code (bank/cache.py says why that equals validating it again);
        INTERVIEWPREP_NO_CACHE=1 reads every file."""
        from interviewprep.bank.library import bank_files, load_files, shipped_bank_dir

        files, missing = bank_files(list(paths) or [shipped_bank_dir()])
        library = load_files(files, use_cache=True)
        problems = sorted([*missing, *library.problems], key=lambda p: (str(p.file), p.line))
        return Validation(len(files), len(library.decks), len(library.cards), problems)

    # -- cards ---------------------------------------------------------------------------

    def check_decks(self, decks: Sequence[str]) -> None:
        known = {d.id for d in self.library.decks}
        for deck in decks:
            if deck not in known:
                raise UserError(
                    f"no deck named '{deck}'",
                    hint="decks: " + ", ".join(sorted(known)) + " (see `interviewprep decks`)",
                )

    def decks(self) -> DeckOverview:
        """Every deck with its cards counted by type, and the cards per guide section."""
        from interviewprep.bank.report import count_by_deck, count_by_section

        return DeckOverview(count_by_deck(self.library), count_by_section(self.library))

    def card(self, card_id: str) -> Card:
        """The card with that id, or a UserError that suggests the closest ids."""
        card = self.library.card(card_id)
        if card is None:
            close = close_names(card_id, self.library.cards, n=3)
            hint = f"did you mean {', '.join(close)}?" if close else "see `interviewprep cards`"
            raise UserError(f"no card with id '{card_id}'", hint=hint)
        return card

    def list_cards(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        state: CardState | None = None,
    ) -> list[Card]:
        """Cards in bank order, narrowed by deck, tag and (reading the store) state."""
        self.check_decks(decks)
        cards = self.library.select(decks=decks, tags=tags)
        if state is None:
            return cards
        from interviewprep.store.reviews import load_flags, load_records
        from interviewprep.study.card_states import in_state

        with self.store() as store:
            records, flags = load_records(store), load_flags(store)
        wanted = set(in_state([c.id for c in cards], state, records, flags, self.clock()))
        return [c for c in cards if c.id in wanted]

    def select_cards(
        self, decks: Sequence[str] = (), tags: Sequence[str] = (), types: Sequence[str] = ()
    ) -> list[Card]:
        """The cards a session draws from; none at all is an error that says why."""
        from interviewprep.bank import CardType

        known = {t.value for t in CardType}
        for name in types:
            if name not in known:
                raise UserError(f"no card type '{name}'", hint="types: " + ", ".join(sorted(known)))
        self.check_decks(decks)
        cards = self.library.select(decks=decks, tags=tags, types=types)
        if not cards:
            raise _no_cards()
        return cards

    def study_pool(self, decks: Sequence[str] = (), tags: Sequence[str] = ()) -> CardPool:
        """`select_cards(decks, tags)` in the guide's order, by id: the decks' index
        columns are read and no card is made until it is shown (issue 17)."""
        from interviewprep.bank.library import guide_section_order
        from interviewprep.study.session import CardPool

        self.check_decks(decks)
        ids = self.library.select_ids(decks, tags, order=guide_section_order())
        if not ids:
            raise _no_cards()
        return CardPool(ids, self.library.cards_of(ids))

    # -- sessions: each holds the store open while the person answers -------------------

    @contextmanager
    def study(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        *,
        new: int | None = None,
        limit: int | None = None,
        minutes: float | None = None,
    ) -> Iterator[StudySession]:
        """Today's session: what is due (most at risk first, at most max_reviews_per_day),
        then new cards in the guide's order (paced toward the interview date, if set)."""
        from interviewprep.app.today import day_rules
        from interviewprep.study.scheduling import scheduler_for
        from interviewprep.study.session import open_study

        pool = self.study_pool(decks, tags)
        with self.store(writes=True) as store:
            rules, _ = day_rules(self, store, pool.order, self.clock(), new)
            yield open_study(
                store, pool, scheduler=scheduler_for(self.config), clock=self.clock,
                rules=rules, limit=limit, minutes=minutes,
                leech_lapses=self.config.leech_lapses, load_balance=self.config.load_balance,
            )  # fmt: skip

    def today(self, decks: Sequence[str] = (), tags: Sequence[str] = ()) -> DayPlan:
        """The day's plan: reviews and their minutes, new cards, katas due, an interview
        question on the weakest section, and the interview date's outlook."""
        from interviewprep.app.today import plan_day

        return plan_day(self, decks, tags)

    @contextmanager
    def quiz(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        types: Sequence[str] = (),
        *,
        count: int = 20,
        schedule: bool = False,
        rng: random.Random | None = None,
    ) -> Iterator[StudySession]:
        """Random cards outside the schedule (unless `schedule`), suspended ones left out."""
        from interviewprep.study.scheduling import scheduler_for
        from interviewprep.study.session import open_quiz

        cards = self.select_cards(decks, tags, types)
        with self.store(writes=True) as store:
            yield open_quiz(
                store, cards, scheduler=scheduler_for(self.config), clock=self.clock,
                count=count, schedule=schedule, rng=rng or random.Random(),
                leech_lapses=self.config.leech_lapses, load_balance=self.config.load_balance,
            )  # fmt: skip

    @contextmanager
    def interview(
        self,
        decks: Sequence[str] = (),
        tags: Sequence[str] = (),
        *,
        count: int = 3,
        minutes: float | None = None,
        rng: random.Random | None = None,
        card_ids: Sequence[str] = (),
    ) -> Iterator[MockInterview]:
        """A mock interview on open questions (those of `card_ids`, else `count` drawn at
        random); its transcript goes to interviews/."""
        from interviewprep.study.interview import MockInterview, pick_questions

        if card_ids:
            questions = [self.card(card_id) for card_id in card_ids]
        else:
            questions = pick_questions(self.select_cards(decks, tags), count,
                                       rng or random.Random())  # fmt: skip
        if not questions:
            raise UserError("no open interview questions match", hint="drop --deck/--tag")
        with self.store(writes=True) as store:
            yield MockInterview(store, questions, self.home / "interviews", self.clock, minutes)

    def change_cards(self, card_ids: Sequence[str], change: FlagChange) -> list[CardChange]:
        """Suspend, bury, flag (or undo those) each card; every id is checked first, so a
        typo changes nothing."""
        from interviewprep.store.reviews import CardFlags, load_flags, save_flags
        from interviewprep.study.card_states import changed_flags

        for card_id in card_ids:
            self.card(card_id)
        now = self.clock()
        results = []
        with self.store(writes=True) as store:
            flags = load_flags(store)
            for card_id in dict.fromkeys(card_ids):
                before = flags.get(card_id, CardFlags(card_id))
                after = changed_flags(before, change, now)
                if after != before:
                    save_flags(store, after)
                results.append(CardChange(card_id, change.value, after != before))
        return results

    # -- katas ---------------------------------------------------------------------------

    @property
    def katas(self) -> KataPractice:
        """list, start, check, watch, hint, solution and reset."""
        from interviewprep.app.katas import KataPractice

        return KataPractice(self)

    @property
    def portable(self) -> Portability:
        """export json|csv|anki and import json."""
        from interviewprep.app.portable import Portability

        return Portability(self)

    # -- progress ------------------------------------------------------------------------

    def stats(self, decks: Sequence[str] = (), since: date | None = None) -> Stats:
        """Every figure of the dashboard, over the chosen decks (all by default), counting
        reviews from `since` (a day from 2000-01-01 to tomorrow) when given."""
        from interviewprep.katas.catalog import load_catalog
        from interviewprep.progress.stats import InterviewSettings, compute_stats

        self.check_decks(decks)
        if since is not None:
            self._check_since(since)
        cards = self.library.select(decks=decks)
        config = self.config
        interview = None if config.interview_date is None else InterviewSettings(
            config.interview_date, config.desired_retention, config.new_per_day,
            config.max_new_per_day, config.fsrs_parameters,
        )  # fmt: skip
        with self.store() as store:
            return compute_stats(
                store,
                cards,
                self.clock(),
                desired_retention=config.desired_retention,
                new_per_day=config.new_per_day,
                kata_total=len(load_catalog()),
                deck_filter=bool(decks),
                since=since,
                interview=interview,
                fsrs_parameters=config.fsrs_parameters,
            )

    def workload(self, decks: Sequence[str] = (), days: int = 30, seed: int = 0) -> Workload:
        """What each desired retention from 0.70 to 0.97 would cost over the next `days`
        days, simulated from the person's own cards, parameters and answer habits."""
        from interviewprep.progress.stats import workload_inputs
        from interviewprep.study.workload import simulate_workload

        self.check_decks(decks)
        cards = self.library.select(decks=decks)
        config = self.config
        with self.store() as store:
            inputs = workload_inputs(
                store, cards, new_per_day=config.new_per_day,
                parameters=config.fsrs_parameters, desired_retention=config.desired_retention,
            )  # fmt: skip
        return simulate_workload(inputs, self.clock(), days=days, seed=seed)

    def optimize(self) -> Optimized:
        """Fit FSRS to the person's scheduled reviews; keep the fit only if it is better."""
        from dataclasses import replace

        from interviewprep.config import save_config
        from interviewprep.store.reviews import scheduled_reviews
        from interviewprep.study.optimize import fit_parameters

        with self.store() as store:
            history = scheduled_reviews(store)
        fit = fit_parameters(history, self.config.fsrs_parameters)
        if fit.improved:
            self._config = replace(self.config, fsrs_parameters=fit.parameters)
            save_config(self._config, self.home / CONFIG_FILENAME)
        return Optimized(fit, fit.improved)

    def _check_since(self, since: date) -> None:
        # 0001-01-01 and 9999-12-31 overflowed the local-time arithmetic; a day ahead of
        # UTC somewhere is the latest that can hold an answer.
        latest = self._local_today() + timedelta(days=1)
        if not EARLIEST_DAY <= since <= latest:
            raise UserError(
                f"--since {since} is out of range: give a day from {EARLIEST_DAY} to {latest}"
            )

    def history(self, card_id: str | None = None, limit: int = 30) -> list[Review]:
        """One card's every answer, or the latest `limit` answers, oldest first."""
        from interviewprep.store.reviews import reviews_for

        with self.store() as store:
            if card_id is None:
                return reviews_for(store, latest=limit)
            reviews = reviews_for(store, [card_id])
        if not reviews:
            self.card(card_id)  # an unknown id is an error; a known one has no answers yet
        return reviews

    def undo(self) -> Review:
        """Take back the newest answer, whichever session gave it; the card is as it was."""
        from interviewprep.store.reviews import undo_latest_answer

        with self.store(writes=True) as store:
            undone = undo_latest_answer(store)
        if undone is None:
            raise UserError("there is no answer to undo", hint="answers come from `study`")
        return undone

    def interviews(self) -> list[InterviewRecord]:
        """The mock interviews taken, newest first."""
        from interviewprep.store.interviews import list_interviews

        with self.store() as store:
            return list_interviews(store)

    # -- the store itself ----------------------------------------------------------------

    @property
    def store_file(self) -> Path:
        return self.home / STORE_FILENAME

    def doctor(self) -> DoctorReport:
        """Integrity, schema, orphaned rows, backups and answers lost since the newest."""
        from interviewprep.app.doctor import examine

        return examine(self.store_file, self.library.cards.keys())

    def restore(self, source: Path) -> Restored:
        """Put a checked backup in place of the store (the store as it was is kept)."""
        from interviewprep.store.restore import restore

        return restore(source, self.store_file, self.clock())
