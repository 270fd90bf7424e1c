"""The vocabulary a kata's test specification (exercises/<kata>/cases.py) is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rng:
    """Stands for `numpy.random.default_rng(seed)`, built fresh in the child for each call.

    With `step`, the r-th repeat of a case gets seed + r * step (different seeds for
    each call); without, every repeat gets the same seed.
    """

    seed: int
    step: int = 0

    def seed_of(self, repeat: int) -> int:
        return self.seed + repeat * self.step


@dataclass(frozen=True)
class Verdict:
    """What a custom check concludes about one case."""

    passed: bool
    message: str
    diagnosis: str | None = None
    # Diagnoses this case's outputs contradict (a passed case whose draws do not fit a
    # mistaken distribution): such a diagnosis is not named for the whole report.
    rules_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """One graded call of the person's function.

    `args` are passed positionally and `kwargs` by name. A case with `check` set is
    judged by that function from the outputs of `repeat` calls (each with fresh `Rng`s);
    otherwise the output is compared with the reference, exactly when `exact`.
    `function` names the kata function it calls, for a kata that defines several (see
    info.toml's `functions`); None calls the kata's first.
    `driver`: a loop that calls the function many times, feeding its outputs back (an
    optimiser over 1,000 steps): `driver(function, *args, **kwargs)` is graded instead of
    one call. It runs in the child on the track's arrays or tensors, so it is a plain
    module-level function of cases.py that uses only its arguments and operators both
    kinds share (`@`, `*`, `.T`, `.shape`); the child receives its source.
    """

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    rtol: float | None = None
    atol: float | None = None
    exact: bool = False
    repeat: int = 1
    check: Callable[[list[Any]], Verdict] | None = None
    function: str | None = None
    driver: Callable[..., Any] | None = None
    # The most bytes the call may hold in memory at once, as tracemalloc counts them
    # (numpy's buffers and Python objects, not torch's tensors: numpy track only); a call
    # that holds more fails even with the right values. None: no limit.
    peak_memory: int | None = None


@dataclass(frozen=True)
class Mistake:
    """A realistic wrong variant of the reference and the sentence that names it.

    `variant_of`: the kata function it is a variant of, tried only on the cases that call
    that function; None: the kata's first function.
    """

    message: str
    function: Callable[..., Any]
    variant_of: str | None = None


@dataclass(frozen=True)
class Formulation:
    """Another correct way to compute a kata function that differs from the reference only
    by floating point (torch's own order of operations, say): an output that agrees with
    it passes as well. `of`: the function it computes; None: the kata's first."""

    name: str
    function: Callable[..., Any]
    of: str | None = None


@dataclass(frozen=True)
class KataSpec:
    """A kata's cases, mistake catalogue and, where one exists, torch's own op (for a kata
    of several functions, it stands for the first).

    `python_values`: the function returns plain Python values (str, int, float, bool,
    None, tuples, lists, dicts of those), compared by equality, instead of arrays.
    `alternatives`: other correct formulations (see Formulation).

    The contract every case checks besides the values, as the statement promises it
    (the defaults are the strict choice; a kata that relaxes one says so plainly):
    `pure`: the arguments are left as they were (compared before and after each call);
    `preserves_dtype`: every floating array returned has the dtype of the floating
    inputs (float32 in, float32 out; a Python float is not an array and is not held to
    it); `track_types`: every array returned is the track's own type, numpy.ndarray on
    the numpy track and torch.Tensor on the torch track (not a list, not the other
    library's), and a scalar may be any real number. `output_names` name the items of a
    returned tuple in reports ("tokens", "log_prob").
    """

    cases: Callable[[], list[Case]]
    mistakes: list[Mistake]
    # torch's op for the first function, or a dict of them by function name (a kata of
    # several functions: dpo_loss and sequence_logps); see oracle_of.
    torch_oracle: Callable[..., Any] | dict[str, Callable[..., Any]] | None = None
    python_values: bool = False
    alternatives: list[Formulation] = field(default_factory=list)
    pure: bool = True
    preserves_dtype: bool = True
    track_types: bool = True
    output_names: tuple[str, ...] = ()

    def oracle_of(self, function: str | None, first: str) -> Callable[..., Any] | None:
        """torch's op for the kata function a case calls (`function`, None for `first`,
        the kata's first), or None where there is none."""
        name = function or first
        if isinstance(self.torch_oracle, dict):
            return self.torch_oracle.get(name)
        return self.torch_oracle if name == first else None
