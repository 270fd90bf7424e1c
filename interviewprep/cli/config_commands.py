"""config: see and change the settings in config.toml without editing it by hand."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from interviewprep.cli.common import console, open_app, print_json

config_app = typer.Typer(help="See or change your settings (config.toml).")

KeyArg = Annotated[str, typer.Argument(help="The setting, e.g. new_per_day.")]


@config_app.callback(invoke_without_command=True)
def config_root(ctx: typer.Context) -> None:
    """See or change your settings (config.toml); alone, shows them."""
    if ctx.invoked_subcommand is None:
        show(as_json=False)


@config_app.command()
def show(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the settings and the file as JSON.")
    ] = False,
) -> None:
    """Every setting with its value, and where the file is.

    Example: interviewprep config show --json
    """
    from interviewprep.config import USER_SETTINGS, Config, config_to_toml, load_config
    from interviewprep.paths import config_path

    loaded = load_config()
    config, defaults = config_to_toml(loaded), config_to_toml(Config())
    if as_json:
        print_json({"file": config_path(), "settings": config})
        return
    out = console()
    out.print(f"Settings ({config_path()}):", markup=False)
    for key in USER_SETTINGS:
        if key not in config:  # a setting with no value (interview_date): nothing in TOML
            out.print(f"  {key:<46} (not set)", markup=False, soft_wrap=True)
            continue
        line = f"  {key} = {_as_toml(config[key])}"
        out.print(f"{line:<48} {'(default)' if config[key] == defaults.get(key) else ''}"
                  .rstrip(), markup=False, soft_wrap=True)  # fmt: skip
    if loaded.fsrs_parameters is not None:
        out.print("  FSRS parameters: your own, fitted by `interviewprep optimize`", markup=False)
    out.print("Change one with: interviewprep config set KEY VALUE", style="dim")


@config_app.command("set")
def set_value(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help="The new value, e.g. 30, 0.85 or ~/my-decks.")],
) -> None:
    """Change one setting; the value is checked before the file is written.

    Example: interviewprep config set new_per_day 30
    """
    _save(key, value)


@config_app.command()
def reset(key: KeyArg) -> None:
    """Put one setting back to its default.

    Example: interviewprep config reset desired_retention
    """
    _save(key, None)


def _save(key: str, value: str | None) -> None:
    saved = open_app(with_cards=False).set_setting(key, value)
    shown = "not set" if saved.value is None else f"= {_as_toml(saved.value)}"
    console().print(f"{key} {shown}  (saved in {saved.file})", markup=False)


def _as_toml(value: object) -> str:
    """A setting's value as it is written in config.toml."""

    if isinstance(value, date):
        return value.isoformat()  # a TOML date is written bare
    return json.dumps(value)  # JSON numbers, strings and lists of them are TOML too


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
