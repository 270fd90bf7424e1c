"""A kata's status over its tracks: passed anywhere beats failing beats started."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interviewprep.app import App
from interviewprep.katas.catalog import load_catalog
from interviewprep.katas.status import kata_statuses
from interviewprep.store.katas import KataProgress

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def progress(kata: str, track: str, *, passed_after: float | None = None,
             last: str | None = None) -> KataProgress:  # fmt: skip
    passed = T0 + timedelta(seconds=passed_after) if passed_after is not None else None
    return KataProgress(kata, track, T0, passed, 1, last)


def test_precedence_and_best_time_over_tracks() -> None:
    catalog = load_catalog()
    rows = {
        ("softmax", "numpy"): progress("softmax", "numpy", last="failed"),
        ("softmax", "torch"): progress("softmax", "torch", passed_after=900, last="passed"),
        ("attention", "numpy"): progress("attention", "numpy", passed_after=1200),
        ("attention", "torch"): progress("attention", "torch", passed_after=600),
        ("top-k", "numpy"): progress("top-k", "numpy", last="failed"),
        ("top-k", "torch"): progress("top-k", "torch"),
        ("top-p", "torch"): progress("top-p", "torch"),
    }
    statuses = {s.name: s for s in kata_statuses(catalog, rows)}
    assert [s.order for s in statuses.values()] == list(range(1, len(catalog) + 1))
    assert (statuses["softmax"].status, statuses["softmax"].tracks) == ("passed", ("torch",))
    assert statuses["softmax"].best_seconds == 900
    assert statuses["attention"].tracks == ("numpy", "torch")
    assert statuses["attention"].best_seconds == 600  # the faster track
    assert (statuses["top-k"].status, statuses["top-k"].tracks) == ("failing", ("numpy",))
    assert (statuses["top-p"].status, statuses["top-p"].tracks) == ("started", ("torch",))
    assert statuses["bpe-merge"].status == "not started" and statuses["bpe-merge"].tracks == ()


def test_app_reads_them_from_the_store(isolated_home) -> None:  # type: ignore[no-untyped-def]
    from interviewprep.store.katas import Attempt, record_attempt

    app = App(isolated_home, clock=lambda: T0)
    with app.store() as store:
        record_attempt(store, Attempt("softmax", "numpy", T0, "failed", 3, 5, 400))
    softmax = app.katas.statuses()[0]
    assert (softmax.name, softmax.status, softmax.tracks) == ("softmax", "failing", ("numpy",))
