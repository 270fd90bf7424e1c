"""Settings from config.toml in the data folder; a missing file means the defaults."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from interviewprep.errors import ConfigError, did_you_mean
from interviewprep.paths import config_path


def _tomllib() -> ModuleType:
    # Imported when needed: every command loads the config, but --help does not.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _default_workspace() -> Path:
    return Path.home() / "interviewprep-katas"


@dataclass(frozen=True)
class Config:
    new_per_day: int = 20
    desired_retention: float = 0.9
    kata_workspace: Path = field(default_factory=_default_workspace)
    bank_dirs: tuple[Path, ...] = ()
    backups_kept: int = 7
    # Personal FSRS parameters fitted by `interviewprep optimize`; None = fsrs defaults.
    fsrs_parameters: tuple[float, ...] | None = None


_DESCRIPTIONS = {
    "new_per_day": "a whole number of new cards a day, 0 or more",
    "desired_retention": "a number between 0.7 and 0.99, e.g. 0.9",
    "kata_workspace": 'a folder path, e.g. "~/interviewprep-katas"',
    "bank_dirs": 'a list of folder paths, e.g. ["~/my-decks"]',
    "backups_kept": "a whole number of daily backups to keep, 0 or more",
    "fsrs_parameters": "a list of numbers written by `interviewprep optimize`",
}


def _known_hint(key: str, known: Collection[str]) -> str:
    return f"{did_you_mean(key, known)}settings: {', '.join(sorted(known))}"


def _convert(key: str, value: Any) -> Any:
    if key in ("new_per_day", "backups_kept"):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    elif key == "desired_retention":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 0.7 <= value <= 0.99:
                return float(value)
    elif key == "kata_workspace":
        if isinstance(value, str) and value.strip():
            return Path(value).expanduser()
    elif key == "bank_dirs":
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(Path(v).expanduser() for v in value)
    elif key == "fsrs_parameters":
        if isinstance(value, list) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
        ):
            return tuple(float(v) for v in value)
    raise ValueError


def parse_config(data: dict[str, Any], source: str) -> Config:
    """Build a Config from parsed TOML, naming the file and key of any bad value."""
    known = {f.name for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown setting '{key}'", hint=_known_hint(key, known))
        try:
            values[key] = _convert(key, value)
        except ValueError:
            raise ConfigError(
                f"{source}: '{key}' is {value!r}; expected {_DESCRIPTIONS[key]}"
            ) from None
    return replace(Config(), **values)


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid TOML: {exc}", hint="fix the file or delete it to use defaults"
        ) from None
    return parse_config(data, str(path))


# Settings a person sets by hand; fsrs_parameters is written by `optimize`.
USER_SETTINGS = ("new_per_day", "desired_retention", "kata_workspace", "bank_dirs", "backups_kept")


def with_setting(config: Config, key: str, text: str | None) -> Config:
    """`config` with `key` set from what was typed on the command line, or back to its
    default when `text` is None. Numbers and lists may be typed as in TOML; paths as
    they are. The result is checked like the file itself."""
    if key not in USER_SETTINGS:
        raise ConfigError(f"no setting '{key}'", hint=_known_hint(key, USER_SETTINGS))
    if text is None:
        return replace(config, **{key: getattr(Config(), key)})
    value: Any = text
    tomllib = _tomllib()
    with contextlib.suppress(tomllib.TOMLDecodeError):  # else a bare path, taken as typed
        value = tomllib.loads(f"value = {text}")["value"]
    if key == "bank_dirs" and isinstance(value, str):
        value = [value]
    try:
        return replace(config, **{key: _convert(key, value)})
    except ValueError:
        raise ConfigError(f"'{key}' cannot be {text!r}: expected {_DESCRIPTIONS[key]}") from None


def config_to_toml(config: Config) -> dict[str, Any]:
    out: dict[str, Any] = {
        "new_per_day": config.new_per_day,
        "desired_retention": config.desired_retention,
        "kata_workspace": str(config.kata_workspace),
        "bank_dirs": [str(p) for p in config.bank_dirs],
        "backups_kept": config.backups_kept,
    }
    if config.fsrs_parameters is not None:
        out["fsrs_parameters"] = list(config.fsrs_parameters)
    return out


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the settings that differ from the defaults, atomically: a crash mid-write
    leaves the old file, never half a file."""
    import tomli_w

    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    # Only what differs from the defaults: a default written out would stay pinned
    # (the workspace as an absolute path) even if the defaults change.
    defaults = config_to_toml(Config())
    changed = {k: v for k, v in config_to_toml(config).items() if defaults.get(k) != v}
    tmp.write_text(tomli_w.dumps(changed), encoding="utf-8")
    tmp.replace(path)
