"""Where things live: the user's data folder and the data shipped with the package."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "INTERVIEWPREP_HOME"
STORE_FILENAME = "progress.sqlite3"
CONFIG_FILENAME = "config.toml"


def data_home() -> Path:
    """The user's data folder, resolved at call time so tests can point it elsewhere."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path("interviewprep", appauthor=False)


def store_path() -> Path:
    return data_home() / STORE_FILENAME


def config_path() -> Path:
    return data_home() / CONFIG_FILENAME


def _shipped(name: str) -> Path:
    # A built wheel carries the folder inside the package; a source checkout
    # (editable install, tests) keeps it at the top of the repository.
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / name
    return inside if inside.is_dir() else package_dir.parent / name


def content_dir() -> Path:
    return _shipped("content")


def exercises_dir() -> Path:
    return _shipped("exercises")


def guide_sections_file() -> Path:
    return content_dir() / "guide-sections.tsv"
