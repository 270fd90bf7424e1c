"""export/import json round trip, csv, backups, doctor, and export to Anki."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from interviewprep.bank.library import load_library
from interviewprep.paths import store_path
from interviewprep.progress.stats import compute_stats
from interviewprep.store import open_store
from interviewprep.store.backup import backups, daily_backup
from interviewprep.store.interviews import start_interview, update_interview
from interviewprep.store.katas import Attempt, record_attempt
from tests.cli import assert_clean_failure, run_cli
from tests.simulate import START, simulate_days

NOW = START + timedelta(days=30, hours=5)


def figures():  # type: ignore[no-untyped-def]
    cards = list(load_library().cards.values())
    with open_store() as store:
        return compute_stats(store, cards, NOW, desired_retention=0.9, new_per_day=20,
                             kata_total=9)  # fmt: skip


@pytest.fixture
def studied() -> None:
    cards = list(load_library().cards.values())[:40]
    with open_store() as store:
        simulate_days(store, cards, 25, new_per_day=8)
        record_attempt(store, Attempt("softmax", "numpy", START, "passed", 5, 5, 700))
        iid = start_interview(store, START, store.path.parent / "interviews" / "x.md")
        update_interview(store, iid, 2, 3.5, START + timedelta(minutes=20))


def test_round_trip_through_json_keeps_every_figure(
    studied, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (store_path().parent / "config.toml").write_text("new_per_day = 8\n")
    before = figures()
    assert before.reviews_total > 100
    out = tmp_path / "progress.json"
    result = run_cli("export", "json", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    assert document["format"] == "interviewprep-progress" and document["version"] == 1
    assert document["config"]["new_per_day"] == 8

    monkeypatch.setenv("INTERVIEWPREP_HOME", str(tmp_path / "fresh"))
    result = run_cli("import", "json", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Imported {before.reviews_total} answers" in result.stdout
    assert figures() == before
    assert "new_per_day = 8" in (tmp_path / "fresh" / "config.toml").read_text()
    again = tmp_path / "again.json"
    run_cli("export", "json", str(again))
    second = json.loads(again.read_text())
    assert {k: v for k, v in second.items() if k != "exported_at"} == {
        k: v for k, v in document.items() if k != "exported_at"
    }


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d.update(version=2), "export format version 2 is newer"),
        (lambda d: d.update(format="other"), "not an interviewprep progress export"),
        (lambda d: d["review_log"][0].pop("rating"), "review_log[0]: missing the column rating"),
        (lambda d: d["review_log"][1].update(rating="good"), "review_log[1].rating: must be 1-4"),
        (lambda d: d["card_state"][0].update(due="tomorrow"), "card_state[0].due: must be an ISO"),
        (lambda d: d["config"].update(new_per_day=-3), "'new_per_day' is -3"),
    ],
)
def test_bad_imports_are_refused_and_change_nothing(
    studied, tmp_path: Path, change, fragment
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "progress.json"
    run_cli("export", "json", str(out))
    document = json.loads(out.read_text())
    change(document)
    out.write_text(json.dumps(document))
    before = figures()
    assert_clean_failure(run_cli("import", "json", str(out)), fragment)
    assert figures() == before


def test_import_of_broken_json_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "format": \n')
    assert_clean_failure(run_cli("import", "json", str(bad)), f"{bad}:3: not valid JSON")


def test_csv_has_a_row_per_answer(studied, tmp_path: Path) -> None:
    out = tmp_path / "reviews.csv"
    assert run_cli("export", "csv", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == figures().reviews_total
    assert {"reviewed_at", "card_id", "rating", "duration_ms"} <= rows[0].keys()


def test_daily_backups_are_kept_for_n_days() -> None:
    with open_store() as store:
        made = [daily_backup(store, 3, date(2026, 1, d)) for d in (1, 1, 2, 3, 4, 5)]
    assert made[1] is None  # one a day
    names = [p.name for p in backups(store_path())]
    assert names == [f"progress-2026-01-0{d}.sqlite3" for d in (5, 4, 3)]


def test_doctor_reports_health_and_restores_a_backup(studied) -> None:
    with open_store() as store:
        daily_backup(store, 7, date.today())
    healthy = run_cli("doctor")
    assert healthy.returncode == 0, healthy.stderr
    assert "integrity ok" in healthy.stdout and "To restore one" in healthy.stdout
    answers = figures().reviews_total

    path = store_path()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(b"\x00garbage" * 4096)
    broken = run_cli("stats", "--json")
    assert_clean_failure(broken, "interviewprep doctor")
    report = run_cli("doctor")
    assert report.returncode == 2 and "not a readable SQLite database" in report.stdout
    [backup] = backups(path)
    restored = run_cli("doctor", "--restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert figures().reviews_total == answers
    assert list(path.parent.glob("progress.sqlite3.replaced-*"))


def test_studying_makes_the_days_backup(studied) -> None:
    from interviewprep.app import App

    with App().store(writes=True):
        pass
    assert [p.name for p in backups(store_path())] == [f"progress-{date.today()}.sqlite3"]


def test_anki_package_imports_into_anki(tmp_path: Path) -> None:
    collection_module = pytest.importorskip("anki.collection")

    out = tmp_path / "cards.apkg"
    result = run_cli("export", "anki", str(out), "--deck", "transformer-architecture",
                     "--deck", "parameters")  # fmt: skip
    assert result.returncode == 0, result.stderr
    library = load_library()
    expected = [
        c for c in library.cards.values() if c.deck in ("transformer-architecture", "parameters")
    ]
    col = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = collection_module.ImportAnkiPackageRequest(package_path=str(out))
        col.import_anki_package(request)
        assert col.note_count() == len(expected)
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "interviewprep::Transformer architecture" in names
        for card in expected[:: max(1, len(expected) // 8)]:
            [note_id] = col.find_notes(f'"CardId:{card.id}"')
            note = col.get_note(note_id)
            assert note["CardId"] == card.id and note["Source"] == card.source
            assert f"deck::{card.deck}" in note.tags
            text = " ".join(note.values())
            assert card.explanation.split()[0] in text
    finally:
        col.close()


def test_anki_export_needs_apkg_suffix(tmp_path: Path) -> None:
    assert_clean_failure(run_cli("export", "anki", str(tmp_path / "x.zip")), "must end in .apkg")


def test_export_covers_every_column_of_every_table() -> None:
    from interviewprep.progress.portable import TABLES

    with open_store() as store:
        for table, columns in TABLES.items():
            actual = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
            assert list(columns) == actual, table
