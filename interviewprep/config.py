"""Settings from config.toml in the data folder; a missing file means the defaults."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from interviewprep.errors import ConfigError
from interviewprep.paths import config_path


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
            raise ConfigError(
                f"{source}: unknown setting '{key}'",
                hint="known settings: " + ", ".join(sorted(known)),
            )
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
    # Imported here: every command loads the config, but --help and --version do not.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid TOML: {exc}", hint="fix the file or delete it to use defaults"
        ) from None
    return parse_config(data, str(path))


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
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    import tomli_w

    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(config_to_toml(config)), encoding="utf-8")
    tmp.replace(path)
