"""One did-you-mean for mistyped settings, fields, card ids and kata names."""

from __future__ import annotations

from interviewprep.errors import close_names, did_you_mean
from tests.cli import run_cli

IDS = ["tfm-attn-why-scale", "bi-pos-rope-mechanism", "tfm-res-open-remove", "bi-gqa-why-decode"]


def test_a_typo_or_a_fragment_finds_the_one_name_meant() -> None:
    assert close_names("tfm-atn-why-scale", IDS, n=3) == ["tfm-attn-why-scale"]
    assert close_names("why-scale", IDS, n=3) == ["tfm-attn-why-scale"]
    assert did_you_mean("explaination", ["explanation", "note", "kata"]) == (
        "did you mean 'explanation'? "
    )


def test_nothing_close_suggests_nothing() -> None:
    assert close_names("nope", IDS, n=3) == []  # 'open' and 'rope' are inside ids: no
    assert did_you_mean("x", ["explanation", "answer"]) == ""


def test_the_commands_use_it() -> None:
    result = run_cli("show", "tfm-attn-why-scal")
    assert result.returncode == 2
    assert "did you mean tfm-attn-why-scale?" in result.stderr
