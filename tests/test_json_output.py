"""Every command that reports has --json, and shell completion works."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli import run_cli


def json_of(*args: str) -> object:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_decks_json_counts_every_card_and_describes_each_deck() -> None:
    overview = json_of("decks")
    assert isinstance(overview, dict)
    cards = json_of("cards")
    assert isinstance(cards, list)
    assert sum(d["cards"] for d in overview["decks"]) == len(cards)
    assert sum(s["cards"] for s in overview["sections"]) == len(cards)
    assert all(d["description"] for d in overview["decks"])  # every shipped deck has one
    by_deck = {d["deck"]: d for d in overview["decks"]}
    assert sum(by_deck["transformer-architecture"]["types"].values()) == sum(
        1 for c in cards if c["deck"] == "transformer-architecture"
    )


def test_show_json_has_the_whole_card() -> None:
    card = json_of("show", "tfm-attn-why-scale")
    assert isinstance(card, dict)
    assert card["id"] == "tfm-attn-why-scale" and card["type"] == "mcq"
    assert card["answer"] in card["choices"]
    assert card["explanation"] and card["source"]


def test_config_show_json(isolated_home) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("config", "set", "new_per_day", "7").returncode == 0
    shown = json_of("config", "show")
    assert isinstance(shown, dict)
    assert shown["settings"]["new_per_day"] == 7
    assert shown["file"] == str(isolated_home / "config.toml")


def test_shell_completion_completes_commands_and_choices() -> None:
    def complete(words: str, cword: int) -> list[str]:
        env = {**os.environ, "_INTERVIEWPREP_COMPLETE": "complete_bash",
               "COMP_WORDS": words, "COMP_CWORD": str(cword)}  # fmt: skip
        code = "import sys; sys.argv[0] = 'interviewprep'; import interviewprep.__main__"
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, timeout=60)  # fmt: skip
        return out.stdout.split()

    assert {"card", "cards"} <= set(complete("interviewprep ca", 1))
    assert "flagged" in complete("interviewprep cards --state ", 3)
    assert "--install-completion" in run_cli("--help").stdout


def test_doctor_json_and_its_verdict(isolated_home) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.app import App
    from interviewprep.errors import ExitCode

    missing = json_of("doctor")
    assert isinstance(missing, dict)
    assert missing["exists"] is False and missing["exit_code"] == 0
    with App(isolated_home).store(writes=True):  # creates the store and today's backup
        pass
    report = App(isolated_home).doctor()
    assert report.health.ok and report.exit_code is ExitCode.OK
    assert [b.ok for b in report.backups] == [True]
    assert report.orphans is not None and report.orphans.review_log == 0
    shown = json_of("doctor")
    assert isinstance(shown, dict)
    assert shown["health"]["schema_version"] == report.health.schema_version
    assert shown["backups"][0]["path"] == str(report.backups[0].path)


def test_history_and_interview_history_json(write_bank) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    from interviewprep.app import App
    from interviewprep.store.interviews import start_interview, update_interview
    from tests.banks import bank_text

    bank = write_bank(bank_text())
    now = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
    app = App(clock=lambda: now, extra_banks=[bank.parent])
    with app.study(["deck"]) as session:
        assert session.next_card() is not None
        session.answer(3, duration_ms=2000)
    with app.store() as store:
        iid = start_interview(store, now, store.path.parent / "interviews" / "x.md")
        update_interview(store, iid, 2, 3.5, now)
    answers = json_of("history", "--bank", str(bank.parent))
    assert isinstance(answers, list) and len(answers) == 1
    assert answers[0]["rating"] == 3 and answers[0]["reviewed_at"] == now.isoformat()
    interviews = json_of("interview", "--history")
    assert isinstance(interviews, list)
    assert [(i["questions"], i["mean_score"]) for i in interviews] == [(2, 3.5)]
