"""The doctor's checks and verdict: the store's health, orphans, backups, lost answers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from interviewprep.errors import ExitCode
from interviewprep.store.backup import Health, MissingAnswers

BACKUPS_CHECKED = 10  # each is integrity-checked; older ones are only listed


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    ok: bool


@dataclass(frozen=True)
class Orphans:
    """Rows about cards no loaded deck defines (a deck removed, renamed or not loaded)."""

    review_log: int
    card_state: int
    card_flags: int


@dataclass(frozen=True)
class DoctorReport:
    store: Path
    exists: bool
    health: Health
    orphans: Orphans | None  # None unless the store is healthy
    backups: list[BackupCheck] = field(default_factory=list)
    missing: MissingAnswers | None = None  # answers the newest healthy backup has, we lack

    @property
    def exit_code(self) -> ExitCode:
        """INVALID when the store is damaged; FAILED when answers have gone missing."""
        if self.exists and not self.health.ok:
            return ExitCode.INVALID
        if self.missing is not None and self.missing.count:
            return ExitCode.FAILED
        return ExitCode.OK


def examine(store_file: Path, known_cards: Collection[str]) -> DoctorReport:
    """Every check `doctor` makes, read-only."""
    from interviewprep.store import open_store
    from interviewprep.store.backup import backups, check_file, missing_answers
    from interviewprep.store.stats import orphan_counts

    health = check_file(store_file)
    orphans = None
    if health.ok:
        with open_store(store_file) as store:
            orphans = Orphans(**orphan_counts(store, known_cards))
    checked = [BackupCheck(b, check_file(b).ok) for b in backups(store_file)[:BACKUPS_CHECKED]]
    healthy = [c.path for c in checked if c.ok]
    missing = missing_answers(store_file, healthy[0]) if health.ok and healthy else None
    return DoctorReport(store_file, store_file.exists(), health, orphans, checked, missing)
