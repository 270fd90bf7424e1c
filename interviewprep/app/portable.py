"""Export and import through the app layer: the files the program keeps are never an
export's target, and an import keeps the store as it was before replacing it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.errors import UserError
from interviewprep.paths import CONFIG_FILENAME

if TYPE_CHECKING:
    from interviewprep.app.core import App

JOURNALS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Exported:
    path: Path  # "-" for standard output
    what: str  # "120 answers and 40 card states"


@dataclass(frozen=True)
class Imported:
    counts: dict[str, int]  # rows per table
    kept: Path  # the store as it was before the import


class Portability:
    def __init__(self, app: App) -> None:
        self.app = app

    @contextmanager
    def _output(self, target: Path, force: bool) -> Iterator[Path]:
        """The one way every export writes: never over our own files, atomic, - is stdout."""
        from interviewprep.fsutil import output_file
        from interviewprep.store.backup import backup_folder

        store = self.app.store_file
        ours = [store, *(Path(f"{store}{end}") for end in JOURNALS),
                self.app.home / CONFIG_FILENAME]  # fmt: skip
        with output_file(target, force=force, files=ours, folders=[backup_folder(store)]) as tmp:
            yield tmp

    def export_json(self, target: Path, *, force: bool = False) -> Exported:
        """All progress and the settings, as docs/progress-format.md describes."""
        from interviewprep.config import config_to_json
        from interviewprep.progress.portable import export_progress, write_json

        with self._output(target, force) as tmp:
            with self.app.store() as store:
                document = export_progress(store, config_to_json(self.app.config),
                                           self.app.clock())  # fmt: skip
            write_json(document, tmp)
        answers, states = len(document["review_log"]), len(document["card_state"])
        return Exported(target, f"{answers} answers and {states} card states")

    def export_csv(self, target: Path, *, force: bool = False) -> Exported:
        """The review log, one answer a row."""
        from interviewprep.progress.portable import export_csv

        with self._output(target, force) as tmp, self.app.store() as store:
            count = export_csv(store, tmp)
        return Exported(target, f"{count} answers")

    def export_anki(
        self, target: Path, decks: Sequence[str] = (), *, force: bool = False
    ) -> Exported:
        """The cards as an Anki package, one Anki deck per deck."""
        from interviewprep.fsutil import STDOUT
        from interviewprep.progress.anki import write_package

        if target.suffix != ".apkg" and str(target) != STDOUT:
            raise UserError(f"{target}: an Anki package must end in .apkg")
        with self._output(target, force) as tmp:  # a refused target is said before loading
            self.app.check_decks(decks)
            chosen = [d for d in self.app.library.decks if not decks or d.id in decks]
            notes = write_package(chosen, tmp)
        return Exported(target, f"{notes} notes in {len(chosen)} deck(s)")

    def import_json(self, source: Path) -> Imported:
        """Replace all progress and settings by an export's, checked in full first; the
        store as it was is kept under a name of its own."""
        from interviewprep.config import save_config
        from interviewprep.progress.portable import import_progress, read_document
        from interviewprep.store.backup import kept_copy

        imported = read_document(source)  # every field checked before anything changes
        with self.app.store(writes=True) as store:
            kept = kept_copy(store, "before-import", self.app.clock())
            counts = import_progress(store, imported)
        save_config(imported.config, self.app.home / CONFIG_FILENAME)
        self.app._config = imported.config
        return Imported(counts, kept)
