"""The progress store: one SQLite file that owns the schema, migrations and every query."""

from interviewprep.store.db import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
