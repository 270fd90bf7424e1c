"""A kata's torch oracle: one callable for its first function, or one per function."""

from __future__ import annotations

from interviewprep.katas.spec import KataSpec


def _first(x: float) -> float:
    return x


def _second(x: float) -> float:
    return -x


def test_one_oracle_stands_for_the_first_function_only() -> None:
    spec = KataSpec(cases=list, mistakes=[], torch_oracle=_first)
    assert spec.oracle_of(None, "dpo_loss") is _first
    assert spec.oracle_of("dpo_loss", "dpo_loss") is _first
    assert spec.oracle_of("sequence_logps", "dpo_loss") is None


def test_a_dict_gives_each_function_its_own_oracle() -> None:
    spec = KataSpec(cases=list, mistakes=[],
                    torch_oracle={"dpo_loss": _first, "sequence_logps": _second})  # fmt: skip
    assert spec.oracle_of(None, "dpo_loss") is _first
    assert spec.oracle_of("sequence_logps", "dpo_loss") is _second
    assert spec.oracle_of("other", "dpo_loss") is None
    assert KataSpec(cases=list, mistakes=[]).oracle_of(None, "dpo_loss") is None
