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
    config = Config(new_per_day=7, fsrs_parameters=(0.1, 0.2))
    save_config(config)
    assert load_config() == config
