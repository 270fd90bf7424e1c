"""Settings from config.toml in the data folder; a missing file means the defaults."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
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
    leech_lapses: int = 8  # forgotten this often after learning it, a card is a leech
    # The day of the interview the plan works toward (`interviewprep today`); None: no date.
    interview_date: date | None = None
    max_new_per_day: int = 50  # the most new cards a day that pacing toward the date may ask
    max_reviews_per_day: int = 200  # a backlog beyond this is spread over the next days
    load_balance: bool = True  # a fuzzed interval lands on the least loaded day of its range
    # Personal FSRS parameters fitted by `interviewprep optimize`; None = fsrs defaults.
    fsrs_parameters: tuple[float, ...] | None = None


MAX_COUNT = 100_000  # new cards a day, backups kept: more is a typo, and SQL needs < 2**63
MAX_LAPSES = 1_000

_DESCRIPTIONS = {
    "new_per_day": f"a whole number of new cards a day, 0 to {MAX_COUNT}",
    "desired_retention": "a number between 0.7 and 0.99, e.g. 0.9",
    "kata_workspace": 'a folder path, e.g. "~/interviewprep-katas"',
    "bank_dirs": 'a list of folder paths, e.g. ["~/my-decks"]',
    "backups_kept": f"a whole number of daily backups to keep, 0 to {MAX_COUNT}",
    "leech_lapses": f"a whole number of lapses that makes a card a leech, 1 to {MAX_LAPSES}",
    "interview_date": "a date as YYYY-MM-DD, from today to two years ahead, e.g. 2027-01-15",
    "max_new_per_day": f"a whole number of new cards a day, 0 to {MAX_COUNT}",
    "max_reviews_per_day": f"a whole number of reviews a day, 1 to {MAX_COUNT}",
    "load_balance": "true or false",
    "fsrs_parameters": "a list of numbers written by `interviewprep optimize`",
}

# Why a value was refused, when the description alone does not say (the wrong count of
# FSRS parameters); parse_config and with_setting add it to their message.
_FSRS_HINT = "run `interviewprep optimize` again, or delete the fsrs_parameters line"


def _text(value: Any) -> bool:
    """A non-blank string that can be written as UTF-8 (no lone surrogates from a
    non-UTF-8 terminal or file), so saving the config cannot fail half-way."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _folder(text: str) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~name/..." for a user this system does not have
        raise ValueError(f"{text.split('/')[0]} is not a user on this system") from None


def _fsrs_parameters(value: Any) -> tuple[float, ...]:
    """Parameters fsrs accepts: exactly as many finite numbers as fsrs's defaults, each
    within fsrs's bounds. Checked here, so bad ones are refused when read, not by a
    crash in the middle of `study`."""
    import math

    from fsrs import Scheduler
    from fsrs.scheduler import DEFAULT_PARAMETERS

    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise ValueError
    needed = len(DEFAULT_PARAMETERS)
    if len(value) != needed:
        raise ValueError(f"it has {len(value)} numbers; this fsrs needs exactly {needed}")
    finite = "every number must be finite: no nan, inf or huge number"
    try:
        parameters = tuple(float(v) for v in value)
    except OverflowError:  # an integer too large for a float
        raise ValueError(finite) from None
    if not all(math.isfinite(v) for v in parameters):
        raise ValueError(finite)
    try:
        Scheduler(parameters=parameters)
    except (ValueError, OverflowError, ZeroDivisionError) as exc:
        raise ValueError(f"fsrs refuses them: {' '.join(str(exc).split())}") from None
    return parameters


def _date(value: Any) -> date:
    """A calendar day from TOML (a date) or typed text (YYYY-MM-DD); a time of day is not
    a date, and neither is a datetime."""
    from datetime import datetime

    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ValueError


MAX_DATE_AHEAD = timedelta(days=2 * 366)  # an interview further off is a typo of the year


def check_interview_date(day: date, today: date) -> None:
    """Refuse a day already past, or more than two years ahead, when it is set: a date
    that passes while set is kept, and `today` offers to clear it."""
    if day < today:
        raise ConfigError(
            f"'interview_date' cannot be {day}: that day has passed (today is {today})",
            hint="give the day of your interview as YYYY-MM-DD, e.g. "
            f"{today + timedelta(days=30)}; `interviewprep config reset interview_date` clears it",
        )
    if day > today + MAX_DATE_AHEAD:
        raise ConfigError(
            f"'interview_date' cannot be {day}: that is more than two years away",
            hint="check the year; give the day of your interview as YYYY-MM-DD",
        )


def _known_hint(key: str, known: Collection[str]) -> str:
    return f"{did_you_mean(key, known)}settings: {', '.join(sorted(known))}"


def _convert(key: str, value: Any) -> Any:
    """The setting's value from parsed TOML or JSON; ValueError (with a reason when the
    description alone would not explain it) for anything else."""
    if key in ("new_per_day", "backups_kept", "max_new_per_day"):
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
            return value
    elif key == "leech_lapses":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_LAPSES:
            return value
    elif key == "max_reviews_per_day":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_COUNT:
            return value
    elif key == "load_balance":
        if isinstance(value, bool):
            return value
    elif key == "interview_date":
        return _date(value)
    elif key == "desired_retention":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 0.7 <= value <= 0.99:
                return float(value)
    elif key == "kata_workspace":
        if _text(value):
            return _folder(value)
    elif key == "bank_dirs":
        if isinstance(value, list) and all(_text(v) for v in value):
            return tuple(_folder(v) for v in value)
    elif key == "fsrs_parameters":
        return _fsrs_parameters(value)
    raise ValueError


def _refusal(key: str, exc: ValueError) -> tuple[str, str | None]:
    """The end of a refusal message (what was expected, and why) and its hint."""
    reason = f" ({exc})" if str(exc) else ""
    hint = _FSRS_HINT if key == "fsrs_parameters" else None
    return f"expected {_DESCRIPTIONS[key]}{reason}", hint


def shown(value: Any, limit: int = 80) -> str:
    """A value as a message shows it: short, whatever was in the file (repr fails on an
    integer of more than 4,300 digits and on very deep nesting)."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__} too large to show"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def setting_problem(key: str, value: Any) -> tuple[str, str | None] | None:
    """What is wrong with one setting as parsed from a file, and a hint; None if fine."""
    if key not in _DESCRIPTIONS:
        return f"unknown setting '{key}'", _known_hint(key, _DESCRIPTIONS)
    try:
        _convert(key, value)
    except ValueError as exc:
        expected, hint = _refusal(key, exc)
        return f"'{key}' is {shown(value)}; {expected}", hint
    return None


def parse_config(data: dict[str, Any], source: str) -> Config:
    """Build a Config from parsed TOML, naming the file and key of any bad value."""
    for key, value in data.items():
        problem = setting_problem(key, value)
        if problem is not None:
            raise ConfigError(f"{source}: {problem[0]}", hint=problem[1])
    return replace(Config(), **{key: _convert(key, value) for key, value in data.items()})


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
USER_SETTINGS = (
    "new_per_day", "desired_retention", "kata_workspace", "bank_dirs", "backups_kept",
    "leech_lapses", "interview_date", "max_new_per_day", "max_reviews_per_day", "load_balance",
)  # fmt: skip


def with_setting(
    config: Config, key: str, text: str | None, today: date | None = None
) -> Config:
    """`config` with `key` set from what was typed on the command line, or back to its
    default when `text` is None. Numbers and lists may be typed as in TOML; paths as
    they are. The result is checked like the file itself; an interview date also
    against `today` (the local day)."""
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
        converted = _convert(key, value)
    except ValueError as exc:
        expected, hint = _refusal(key, exc)
        raise ConfigError(f"'{key}' cannot be {shown(text)}: {expected}", hint=hint) from None
    if key == "interview_date":
        check_interview_date(converted, today or date.today())
    return replace(config, **{key: converted})


def config_to_toml(config: Config) -> dict[str, Any]:
    out: dict[str, Any] = {
        "new_per_day": config.new_per_day,
        "desired_retention": config.desired_retention,
        "kata_workspace": str(config.kata_workspace),
        "bank_dirs": [str(p) for p in config.bank_dirs],
        "backups_kept": config.backups_kept,
        "leech_lapses": config.leech_lapses,
        "max_new_per_day": config.max_new_per_day,
        "max_reviews_per_day": config.max_reviews_per_day,
        "load_balance": config.load_balance,
    }
    if config.interview_date is not None:
        out["interview_date"] = config.interview_date  # a TOML date
    if config.fsrs_parameters is not None:
        out["fsrs_parameters"] = list(config.fsrs_parameters)
    return out


def config_to_json(config: Config) -> dict[str, Any]:
    """The settings as an export holds them: TOML's, with the interview date as ISO text
    (JSON has no date; reading it back accepts that text)."""
    out = config_to_toml(config)
    if config.interview_date is not None:
        out["interview_date"] = config.interview_date.isoformat()
    return out


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the settings that differ from the defaults, atomically: a crash mid-write
    leaves the old file, never half a file."""
    import tomli_w

    from interviewprep.fsutil import atomic_path

    # Only what differs from the defaults: a default written out would stay pinned
    # (the workspace as an absolute path) even if the defaults change.
    defaults = config_to_toml(Config())
    changed = {k: v for k, v in config_to_toml(config).items() if defaults.get(k) != v}
    with atomic_path(path or config_path()) as tmp:
        tmp.write_text(tomli_w.dumps(changed), encoding="utf-8")
