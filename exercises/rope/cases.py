"""Test specification of the rope kata.

Value cases compare with the reference; two property cases also check what makes RoPE
RoPE, on q and k repeated at many positions: every vector keeps its norm, and
dot(rope(q, m), rope(k, n)) depends only on m - n. A function with both properties
whose values still differ is a rotation by other angles or in other planes; when each
pair (2i, 2i + 1) keeps its own norm (and the pairs (i, i + d/2) do not) it is the
interleaved convention, named as such even when its frequencies differ from the
catalogue's variant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from interviewprep.katas.compare import compare_array, default_tolerance, outputs_match
from interviewprep.katas.spec import Case, KataSpec, Mistake, Verdict

PROPERTY_RTOL, PROPERTY_ATOL = 1e-7, 1e-9  # float64 inputs: rounding is far below this
# Two clusters with the same gaps: many pairs (m, n) share m - n, near 0 and near 1000.
PROPERTY_POSITIONS = np.array([0, 1, 2, 3, 5, 9, 17, 33, 1000, 1001, 1002, 1003, 1005, 1009,
                               1017, 1033])  # fmt: skip


# -- the reference and its mistaken variants ----------------------------------------------


def _rope(x: Any, positions: Any, base: float = 10000.0, *, pairing: str = "half",
          freq: str = "pairs", sign: float = -1.0, ignore_positions: bool = False,
          angle_dtype: Any = np.float64, tile: str = "tile", turn: float = 1.0) -> Any:
    d = x.shape[-1]
    exponent = {"pairs": np.arange(0, d, 2), "all": np.arange(d),
                "no-two": np.arange(d // 2)}[freq].astype(angle_dtype)  # fmt: skip
    inv_freq = np.asarray(base, dtype=angle_dtype) ** (sign * exponent / angle_dtype(d))
    if ignore_positions:
        positions = np.arange(x.shape[-2])
    angles = np.asarray(positions).astype(angle_dtype)[..., None] * inv_freq
    if pairing == "interleaved":  # pairs (2i, 2i + 1), the RoFormer paper's layout
        cos = np.repeat(np.cos(angles), 2, axis=-1).astype(x.dtype)
        sin = np.repeat(np.sin(angles), 2, axis=-1).astype(x.dtype)
        rotated = np.stack([-x[..., 1::2], x[..., 0::2]], axis=-1).reshape(x.shape)
        return x * cos + rotated * sin
    if freq != "all":  # "all" already has d angles, one per element
        angles = (np.concatenate([angles, angles], axis=-1) if tile == "tile"
                  else np.repeat(angles, 2, axis=-1))  # fmt: skip
    half = d // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1) * turn
    return x * np.cos(angles).astype(x.dtype) + rotated * np.sin(angles).astype(x.dtype)


def _variant(**how: Any) -> Callable[..., Any]:
    def run(x: Any, positions: Any, base: float = 10000.0) -> Any:
        return _rope(x, positions, base, **how)

    return run


INTERLEAVED = (
    "your output matches interleaved pairing (element 2i with 2i + 1, as in the RoFormer "
    "paper and Meta's original Llama code): this kata pairs element i with i + d/2 "
    "(rotate_half, as in Hugging Face's Llama)"
)
MISTAKES = [
    Mistake(INTERLEAVED, _variant(pairing="interleaved")),
    Mistake("your output matches frequencies from arange(d) / d, one per element: "
            "there are d/2 frequencies base^(-2i/d), from arange(0, d, 2) / d, each "
            "shared by elements i and i + d/2", _variant(freq="all")),
    Mistake("your output matches the exponent i/d (from arange(d/2) / d): the exponent "
            "is 2i/d, from arange(0, d, 2) / d", _variant(freq="no-two")),
    Mistake("your output matches positions 0, 1, 2, ... whatever `positions` says: "
            "rotate each token by its own position (a decoding step at position 17 is "
            "not at position 0)", _variant(ignore_positions=True)),
    Mistake("your output matches base^(+2i/d): the frequencies are base^(-2i/d), from 1 "
            "down to about 1/base", _variant(sign=1.0)),
    Mistake("your output matches a rotation the wrong way (rotate_half as [x2, -x1]): "
            "rotate_half([x1, x2]) is [-x2, x1]", _variant(turn=-1.0)),
    Mistake("your output matches angles repeated element by element ([f0, f0, f1, f1, "
            "...]) with rotate-half pairing: tile them ([f0, f1, ..., f0, f1, ...]) so "
            "that elements i and i + d/2 share a frequency", _variant(tile="repeat")),
    Mistake("your output matches angles computed in float32: at large positions they "
            "are off by milliradians; compute positions * inv_freq in float64, then "
            "cast cos and sin to x's dtype", _variant(angle_dtype=np.float32)),
]


def torch_oracle(x: Any, positions: Any, base: float = 10000.0) -> Any:
    """Rotate-half RoPE written another way: (x_i + i x_{i+d/2}) * e^{i angle} in complex."""
    import torch

    t = torch.from_numpy(np.asarray(x, dtype=np.float64))
    d = t.shape[-1]
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    angles = torch.from_numpy(np.asarray(positions)).to(torch.float64)[..., None] * inv_freq
    z = torch.complex(t[..., : d // 2], t[..., d // 2 :]) * torch.polar(
        torch.ones_like(angles), angles
    )
    return torch.cat([z.real, z.imag], dim=-1).numpy()


# -- the judged cases ----------------------------------------------------------------------


def _planes(a: Any, interleaved: bool) -> tuple[Any, Any]:
    """The two coordinates of each rotation plane: pairs (2i, 2i + 1) or (i, i + d/2)."""
    h = a.shape[-1] // 2
    return (a[..., 0::2], a[..., 1::2]) if interleaved else (a[..., :h], a[..., h:])


def _plane_norms_kept(got: Any, x: Any, interleaved: bool, rtol: float, atol: float) -> bool:
    return bool(np.allclose(np.hypot(*_planes(got, interleaved)),
                            np.hypot(*_planes(x, interleaved)), rtol=rtol, atol=atol))  # fmt: skip


def _float32_angles(got: Any, x: Any, positions: Any, base: float, rtol: float,
                    atol: float) -> bool:  # fmt: skip
    """Whether `got` rotates each plane (i, i + d/2) by the right angle up to the error of
    an angle held in float32 (a few ulps of positions * inv_freq)."""
    if not _plane_norms_kept(got, x, False, rtol, atol):
        return False
    d = x.shape[-1]
    theta = np.asarray(positions, dtype=np.float64)[..., None] * base ** (
        -np.arange(0, d, 2) / d)  # fmt: skip
    (a, b), (a2, b2) = _planes(x, False), _planes(got, False)
    turned = np.angle((a2 + 1j * b2) * np.conj(a + 1j * b) * np.exp(-1j * theta))
    big = np.hypot(a, b) > 0.05  # a short pair's angle is mostly rounding noise
    bound = 8 * 2.0**-23 * np.abs(np.broadcast_to(theta, a.shape)) + 1e-4
    return bool(np.all(np.abs(turned)[big] <= bound[big]))


FLOAT32_ANGLES = MISTAKES[-1].message


def _diagnose(got: Any, x: Any, positions: Any, base: float, rtol: float,
              atol: float) -> str | None:  # fmt: skip
    """A catalogued variant that gives `got`, else what the rotation itself shows."""
    for mistake in MISTAKES:
        with np.errstate(all="ignore"):
            variant = mistake.function(x, positions, base)
        if outputs_match(variant, got, rtol, atol, False):
            return mistake.message
    if _plane_norms_kept(got, x, True, rtol, atol) and not _plane_norms_kept(
        got, x, False, rtol, atol
    ):
        return INTERLEAVED
    if _float32_angles(got, x, positions, base, rtol, atol):
        return FLOAT32_ANGLES
    return None


def judge(x: Any, positions: Any, base: float, *,
          properties: bool) -> Callable[[list[Any]], Verdict]:  # fmt: skip
    """Values against the reference, diagnosed from the rotation; with `properties`, x is
    (2, P, d), q then k at every position, and the norms and q.k are checked first."""
    expected = _rope(x.astype(np.float64), positions, base)
    rtol, atol = default_tolerance([x])
    if properties:
        rtol, atol = PROPERTY_RTOL, PROPERTY_ATOL

    def check(outputs: list[Any]) -> Verdict:
        got = np.asarray(outputs[0])
        if got.shape != x.shape or got.dtype.kind != "f":
            return Verdict(False, compare_array(expected, got, rtol, atol).message)
        got = got.astype(np.float64)
        problem = _property_problem(got, x, positions) if properties else None
        if problem is None:
            comparison = compare_array(expected, got, rtol, atol)
            if comparison.passed:
                return Verdict(True, "ok")
            problem = comparison.message
            if properties:
                problem = ("a rotation that keeps norms and depends only on m - n, but not "
                           "this kata's: " + problem)
        return Verdict(False, problem, _diagnose(got, x, positions, base, rtol, atol))

    return check


def _property_problem(got: Any, x: Any, positions: Any) -> str | None:
    """What breaks RoPE's two properties, or None."""
    norms, out_norms = np.linalg.norm(x, axis=-1), np.linalg.norm(got, axis=-1)
    if not np.allclose(out_norms, norms, rtol=PROPERTY_RTOL, atol=PROPERTY_ATOL):
        b, s = np.unravel_index(np.argmax(np.abs(out_norms - norms)), norms.shape)
        return (f"not a rotation: the norm of {'qk'[b]} at position {positions[s]} changed "
                f"from {norms[b, s]:.6g} to {out_norms[b, s]:.6g} (RoPE rotates pairs of "
                "elements: lengths never change)")  # fmt: skip
    scores = got[0] @ got[1].T  # scores[m, n] = dot(rope(q, m), rope(k, n))
    gaps = positions[:, None] - positions[None, :]
    for gap in np.unique(gaps):
        m, n = np.nonzero(gaps == gap)
        same = scores[m, n]
        if not np.allclose(same, same[0], rtol=PROPERTY_RTOL, atol=PROPERTY_ATOL):
            j = int(np.argmax(np.abs(same - same[0])))
            return (f"dot(rope(q, m), rope(k, n)) must depend only on m - n: with m - n = "
                    f"{gap}, (m, n) = ({positions[m[0]]}, {positions[n[0]]}) gives "
                    f"{same[0]:.6g} but ({positions[m[j]]}, {positions[n[j]]}) gives "
                    f"{same[j]:.6g}")  # fmt: skip
    return None


def _property_case(name: str, rng: np.random.Generator, d: int, base: float) -> Case:
    q, k = rng.standard_normal((2, 1, d))
    x = np.stack([np.repeat(q, PROPERTY_POSITIONS.size, 0),
                  np.repeat(k, PROPERTY_POSITIONS.size, 0)])  # fmt: skip
    kwargs = {} if base == 10000.0 else {"base": base}
    return Case(name, (x, PROPERTY_POSITIONS), kwargs,
                check=judge(x, PROPERTY_POSITIONS, base, properties=True))  # fmt: skip


# -- the cases ----------------------------------------------------------------------------


def cases() -> list[Case]:
    rng = np.random.default_rng(20240614)

    def x(*shape: int, dtype: Any = np.float64) -> Any:
        return rng.standard_normal(shape).astype(dtype)

    per_row = np.array([[[0, 1, 2, 3, 4]], [[6, 7, 8, 9, 10]]])  # (B, 1, seq): two prompts
    return [
        Case("prefill (B=2, H=3, seq=6, d=8) at positions 0..5", (x(2, 3, 6, 8), np.arange(6))),
        Case("one decoding step at position 17 (B=2, H=4, seq=1)",
             (x(2, 4, 1, 8), np.array([17]))),
        Case("a chunk at positions 40..49 (3, 10, 16)", (x(3, 10, 16), np.arange(40, 50))),
        Case("different positions per row: positions (2, 1, 5) for x (2, 3, 5, 8)",
             (x(2, 3, 5, 8), per_row)),
        Case("d = 2: one pair (4, 7, 2)", (x(4, 7, 2), np.arange(7))),
        Case("head size 128 at positions 4088..4095", (x(1, 2, 8, 128), np.arange(4088, 4096))),
        Case("base 500000 (Llama 3), positions 1000..1005",
             (x(2, 6, 16), np.arange(1000, 1006)), {"base": 500000.0}),
        _float32_case(x(2, 4, 16, dtype=np.float32), np.arange(100_000, 100_004)),
        _property_case("properties, d=8: norms kept, q.k depends only on m - n", rng, 8,
                       10000.0),
        _property_case("properties, d=16, base 100: norms kept, q.k depends only on m - n",
                       rng, 16, 100.0),
    ]


def _float32_case(x: Any, positions: Any) -> Case:
    return Case("float32 at position 100,000 (angles need float64)", (x, positions),
                check=judge(x, positions, 10000.0, properties=False))


SPEC = KataSpec(cases=cases, mistakes=MISTAKES, torch_oracle=torch_oracle)
