"""The export format covers exactly the live schema: a column added by a migration
without its rule in progress/schema.py fails here, not in a person's export."""

from __future__ import annotations

import pytest

from interviewprep.progress.portable import exported_tables
from interviewprep.progress.schema import TABLES
from interviewprep.store import open_store
from interviewprep.store.portable import schema_tables


def test_every_table_and_column_has_its_rule() -> None:
    with open_store() as store:
        tables = schema_tables(store)
        assert {t: list(c) for t, c in TABLES.items()} == tables
        assert exported_tables(store) == tables


def test_a_column_without_a_rule_stops_the_export() -> None:
    with open_store() as store:
        store.conn.execute("ALTER TABLE card_flags ADD COLUMN colour TEXT")
        with pytest.raises(RuntimeError, match="does not cover the schema"):
            exported_tables(store)
