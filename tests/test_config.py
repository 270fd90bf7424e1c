"""config.toml: defaults, parsing, clear errors, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.config import Config, load_config, save_config
from interviewprep.errors import ConfigError
from interviewprep.paths import config_path


def test_missing_file_gives_defaults() -> None:
    config = load_config()
    assert config == Config()
    assert config.new_per_day == 20 and config.desired_retention == 0.9


def test_values_are_read(isolated_home: Path) -> None:
    isolated_home.mkdir()
    config_path().write_text(
        'new_per_day = 5\ndesired_retention = 0.85\nbank_dirs = ["~/decks"]\n'
        'kata_workspace = "/tmp/katas"\n'
    )
    config = load_config()
    assert config.new_per_day == 5
    assert config.desired_retention == 0.85
    assert config.bank_dirs == (Path("~/decks").expanduser(),)
    assert config.kata_workspace == Path("/tmp/katas")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("new_per_dya = 3\n", "unknown setting 'new_per_dya'"),
        ("new_per_day = -1\n", "'new_per_day' is -1; expected a whole number"),
        ("desired_retention = 2\n", "'desired_retention' is 2; expected a number between"),
        ("bank_dirs = 'x'\n", "'bank_dirs' is 'x'; expected a list"),
        ("new_per_day = \n", "not valid TOML"),
    ],
)
def test_bad_values_name_the_file_and_key(isolated_home: Path, text: str, fragment: str) -> None:
    isolated_home.mkdir()
    config_path().write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert fragment in info.value.message
    assert str(config_path()) in info.value.message


def test_round_trip() -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    config = Config(new_per_day=7, fsrs_parameters=tuple(p * 1.01 for p in DEFAULT_PARAMETERS))
    save_config(config)
    assert load_config() == config


def _parameters(*change: tuple[int, object], drop: int = 0) -> str:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    values: list[object] = list(DEFAULT_PARAMETERS)[: len(DEFAULT_PARAMETERS) - drop]
    for index, value in change:
        values[index] = value
    return f"fsrs_parameters = [{', '.join(map(str, values))}]\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (_parameters(drop=2), "it has 19 numbers; this fsrs needs exactly 21"),
        ("fsrs_parameters = [0.1, 0.2]\n", "it has 2 numbers"),
        (_parameters((3, "nan")), "every number must be finite"),
        (_parameters((3, "inf")), "every number must be finite"),
        (_parameters((3, 10**400)), "every number must be finite"),
        (_parameters((20, 100.0)), "parameters[20] = 100.0 is out of bounds"),
        (_parameters((0, "true")), "expected a list of numbers"),
    ],
)
def test_bad_fsrs_parameters_in_the_file_are_refused_when_read(
    isolated_home: Path, text: str, fragment: str
) -> None:
    isolated_home.mkdir()
    config_path().write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert fragment in info.value.message
    assert str(config_path()) in info.value.message
    assert "interviewprep optimize" in (info.value.hint or "")


def test_bad_fsrs_parameters_end_a_command_cleanly_not_in_study(isolated_home: Path) -> None:
    # `study` reads the config the same way, before it builds its scheduler (which is
    # where 20 parameters used to crash it); it needs a terminal, so stats shows it here.
    from tests.cli import assert_clean_failure, run_cli

    isolated_home.mkdir()
    config_path().write_text(_parameters(drop=1))
    result = run_cli("stats")
    assert_clean_failure(result, "fsrs_parameters")
    said = "".join((result.stdout + result.stderr).split())  # as wrapped to the width
    assert "thisfsrsneedsexactly21" in said and str(config_path()) in said


@pytest.mark.parametrize(
    ("key", "value"),
    [("new_per_day", 2**63), ("backups_kept", 10**6), ("kata_workspace", "/tmp/\udce9"),
     ("bank_dirs", ["ok", "caf\udce9"]), ("bank_dirs", ["~no-such-user-here/decks"]),
     ("kata_workspace", "~no-such-user-here")],
)  # fmt: skip
def test_values_that_could_not_be_stored_or_saved_are_refused(key: str, value: object) -> None:
    from interviewprep.config import parse_config

    with pytest.raises(ConfigError, match=f"'{key}' is"):
        parse_config({key: value}, "import.json")


@pytest.mark.parametrize(
    ("key", "typed", "expected"),
    [
        ("new_per_day", "30", 30),
        ("desired_retention", "0.85", 0.85),
        ("kata_workspace", "~/katas", "~/katas"),
        ("kata_workspace", '"/tmp/my katas"', Path("/tmp/my katas")),
        ("bank_dirs", "~/decks", ("~/decks",)),
        ("bank_dirs", '["/a", "/b"]', (Path("/a"), Path("/b"))),
        ("backups_kept", "0", 0),
    ],
)
def test_a_setting_typed_on_the_command_line(key: str, typed: str, expected: object) -> None:
    from interviewprep.config import with_setting

    def home(value: object) -> object:  # the test's HOME is only known inside the test
        if isinstance(value, tuple):
            return tuple(home(v) for v in value)
        return Path(value).expanduser() if isinstance(value, str) else value

    assert getattr(with_setting(Config(), key, typed), key) == home(expected)


@pytest.mark.parametrize(
    ("key", "typed", "fragment"),
    [
        ("new_per_day", "-3", "'new_per_day' cannot be '-3': expected a whole number"),
        ("new_per_day", "many", "expected a whole number"),
        ("desired_retention", "1.5", "expected a number between 0.7 and 0.99"),
        ("fsrs_parameters", "[1]", "no setting 'fsrs_parameters'"),
        ("new_per_dya", "3", "no setting 'new_per_dya'"),
    ],
)
def test_a_bad_setting_is_refused_clearly(key: str, typed: str, fragment: str) -> None:
    from interviewprep.config import with_setting

    with pytest.raises(ConfigError, match=fragment) as caught:
        with_setting(Config(), key, typed)
    if key == "new_per_dya":
        assert (caught.value.hint or "").startswith("did you mean 'new_per_day'?")


def test_config_commands_set_show_reset(isolated_home: Path) -> None:
    from tests.cli import assert_clean_failure, run_cli

    assert run_cli("config", "set", "new_per_day", "35").returncode == 0
    assert load_config().new_per_day == 35
    before = config_path().read_text()
    assert "kata_workspace" not in before  # defaults are not written out
    assert_clean_failure(run_cli("config", "set", "desired_retention", "2"), "cannot be '2'")
    assert config_path().read_text() == before  # a refused value changes nothing
    shown = run_cli("config").stdout
    assert "new_per_day = 35" in shown and "desired_retention = 0.9" in shown
    assert "(default)" in shown.split("desired_retention")[1].splitlines()[0]
    assert run_cli("config", "reset", "new_per_day").returncode == 0
    assert load_config() == Config()
