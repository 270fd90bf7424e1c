"""The rope kata's judged cases name what a rotation shows even when no catalogued
variant reproduces it (the catalogue is emptied here): interleaved pairing with other
frequencies, float32 angles computed in another order than the catalogue's."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interviewprep.katas.catalog import find_kata, load_module

CASES = load_module(find_kata("rope").cases_file, "rope_cases_for_test")
JUDGED = [c for c in CASES.cases() if c.check is not None]


def _interleaved_other_frequencies(x: Any, positions: Any, base: float = 10000.0) -> Any:
    d = x.shape[-1]
    angles = np.asarray(positions)[..., None] * base ** (-np.arange(d // 2) / d)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * angles)
    return np.stack([z.real, z.imag], axis=-1).reshape(x.shape).astype(x.dtype)


def _float32_angles_other_order(x: Any, positions: Any, base: float = 10000.0) -> Any:
    d = x.shape[-1]
    inv_freq = np.float32(1.0) / np.float32(base) ** (np.arange(0, d, 2, dtype=np.float32) / d)
    angles = np.asarray(positions, dtype=np.float32)[..., None] * inv_freq
    angles = np.concatenate([angles, angles], axis=-1)
    h = d // 2
    rotated = np.concatenate([-x[..., h:], x[..., :h]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)


def _verdicts(function: Any) -> list[Any]:
    return [c.check([function(*c.args, **c.kwargs)]) for c in JUDGED]


def test_interleaved_pairing_is_named_from_the_rotation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CASES, "MISTAKES", [])  # the name comes from the rotation alone
    verdicts = _verdicts(_interleaved_other_frequencies)
    assert all(not v.passed and v.diagnosis == CASES.INTERLEAVED for v in verdicts)
    properties = [v for c, v in zip(JUDGED, verdicts, strict=True) if "properties" in c.name]
    assert properties and all("keeps norms and depends only on m - n" in v.message
                              for v in properties)  # fmt: skip


def test_float32_angles_are_named_from_the_rotation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CASES, "MISTAKES", [])
    verdicts = _verdicts(_float32_angles_other_order)
    assert all(not v.passed and v.diagnosis == CASES.FLOAT32_ANGLES for v in verdicts)


def test_a_rotation_that_is_no_rotation_gets_no_structural_name() -> None:
    def first_half_only(x: Any, positions: Any, base: float = 10000.0) -> Any:
        out = CASES._rope(x, positions, base)
        out[..., x.shape[-1] // 2 :] = x[..., x.shape[-1] // 2 :]
        return out

    for verdict in _verdicts(first_half_only):
        assert not verdict.passed and verdict.diagnosis is None


def test_the_reference_passes_every_judged_case() -> None:
    reference = load_module(find_kata("rope").solution("numpy"), "rope_ref_for_test").apply_rope
    assert all(v.passed for v in _verdicts(reference))
