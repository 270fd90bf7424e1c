"""What `doctor` prints: the checks of a DoctorReport, one line each."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from interviewprep.app.doctor import DoctorReport
from interviewprep.store.restore import Restored


def _store_lines(report: DoctorReport) -> list[str]:
    path, health = report.store, report.health
    if not report.exists:
        return [f"No store yet at {path}: it is created by your first answer."]
    if not health.ok:
        return [f"✗ {path}: {problem}" for problem in health.problems]
    lines = [f"✓ {path}: integrity ok, schema version {health.schema_version}"]
    orphans = report.orphans
    if orphans and (orphans.review_log or orphans.card_state or orphans.card_flags):
        lines.append(
            "Rows about cards no loaded deck defines (kept, in case the deck returns): "
            f"{orphans.review_log} answers, {orphans.card_state} card states. "
            "Load their deck with --bank to see them."
        )
    else:
        lines.append("✓ every answer belongs to a loaded card")
    return lines


def _backup_lines(report: DoctorReport) -> list[str]:
    if not report.backups:
        return ["No backups yet (one is made each day you study)."]
    lines = ["Backups (newest first):"]
    lines += [f"  {b.path}  ({'ok' if b.ok else 'damaged'})" for b in report.backups]
    lines.append(f"To restore one: interviewprep doctor --restore {report.backups[0].path}")
    return lines


def _missing_line(report: DoctorReport) -> list[str]:
    m = report.missing
    if m is None or not m.count:
        return []
    return [
        f"✗ {m.count} answers in the newest backup {m.backup} are missing from the store "
        f"(the latest from {m.latest}); the backup holds {m.in_backup} answers, the store "
        f"{m.in_store}. Unless you removed them (import json replaces everything), restore "
        f"it: interviewprep doctor --restore {m.backup}"
    ]


def print_report(console: Console, report: DoctorReport) -> None:
    for line in [*_store_lines(report), *_backup_lines(report), *_missing_line(report)]:
        # soft_wrap: a command to copy must not be broken across lines
        console.print(line, markup=False, soft_wrap=True)


def restored_message(source: Path, store: Path, done: Restored) -> str:
    if done.kept is not None:
        kept = f" The store as it was is saved at {done.kept}."
    elif done.damaged_aside is not None:
        kept = f" The unreadable store is kept as it was at {done.damaged_aside}."
    else:
        kept = ""
    return f"Restored {source} as {store}.{kept}"
