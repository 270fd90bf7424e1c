"""Run every benchmark and print the figures: python -m benchmarks [--quick]

Nothing here asserts a time; the figures go into benchmarks/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from benchmarks.measure import best_of, run_measured


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def traced_peak(fn: Callable[[], Any]) -> float:
    """Peak MiB of Python allocations during fn. Run after all timings: tracing slows
    Python several-fold, and once it stops, glibc spends ~0.2 s merging the freed trace
    records on the next large allocation, which would land in whatever is timed next."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def startup() -> None:
    py = sys.executable
    typer_only = best_of(7, [py, "-c", "import typer"])
    print("## Start-up (best of 7, wall time, peak resident memory)")
    typer_line = f"{typer_only.seconds:6.3f} s   {typer_only.peak_mib:5.0f} MiB"
    print(f"python -c 'import typer'      {typer_line}")
    for flag in ("--help", "--version"):
        run = best_of(7, [py, "-m", "interviewprep", flag])
        ratio = run.seconds / typer_only.seconds
        print(
            f"interviewprep {flag:<15} {run.seconds:6.3f} s   {run.peak_mib:5.0f} MiB   "
            f"({ratio:.2f}x typer)"
        )


def measure_size(n: int, reviews: int, tmp: Path) -> str:
    from benchmarks.generate import fill_store, generated_bank_text
    from interviewprep.bank.cache import DISABLE_ENV
    from interviewprep.bank.library import load_files
    from interviewprep.paths import HOME_ENV, store_path
    from interviewprep.progress.stats import compute_stats
    from interviewprep.store import open_store
    from interviewprep.study.scheduling import make_scheduler
    from interviewprep.study.session import open_study

    os.environ[HOME_ENV] = str(tmp)
    bank = tmp / f"gen{n}.yaml"
    bank.write_text(generated_bank_text(n), encoding="utf-8")
    os.environ[DISABLE_ENV] = "1"
    cold, _ = timed(lambda: load_files([bank]))
    del os.environ[DISABLE_ENV]
    fill_store(store_path(), [f"gen-{i:06d}" for i in range(n)], reviews)
    load_files([bank], use_cache=True)  # fills the cache
    warm, _ = timed(lambda: load_files([bank], use_cache=True))

    def first_card() -> Any:
        library = load_files([bank], use_cache=True)
        store = open_store()
        session = open_study(
            store,
            list(library.cards.values()),
            scheduler=make_scheduler(fuzz=False),
            clock=lambda: datetime.now(timezone.utc),
            new_per_day=20,
        )
        session.next_card()
        return store, session, library

    first, (store, session, library) = timed(first_card)
    answers = 50
    start = time.perf_counter()
    for _ in range(answers):
        if session.next_card() is None:
            break
        session.answer(3, duration_ms=3000)
    per_answer = (time.perf_counter() - start) / answers
    cards = list(library.cards.values())

    def stats() -> Any:
        now = datetime.now(timezone.utc)
        return compute_stats(store, cards, now, desired_retention=0.9, new_per_day=20, kata_total=9)

    stats_time, _ = timed(stats)
    peak = max(traced_peak(lambda: first_card()[0].close()), traced_peak(stats))
    store.close()
    return (
        f"{n:>9,} | {cold:7.2f} s | {warm:7.2f} s | {first:15.3f} s | "
        f"{per_answer * 1000:7.1f} ms | {stats_time:10.3f} s | {peak:7.0f}"
    )


def study_and_stats(sizes: list[int], reviews: int) -> None:
    print(f"\n## Study and stats at scale ({reviews:,} review rows)")
    print(
        "cards     | load cold | load warm | first card (warm) | per answer | stats (core) "
        "| peak MiB"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            print(measure_size(n, reviews, Path(tmp)), flush=True)


def stats_cli(reviews: int) -> None:
    from benchmarks.generate import fill_store
    from interviewprep.paths import HOME_ENV, STORE_FILENAME

    print(f"\n## `interviewprep stats --json` end to end ({reviews:,} reviews, shipped banks)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, HOME_ENV: tmp}
        ids = [f"x-{i}" for i in range(10_000)]
        fill_store(Path(tmp) / STORE_FILENAME, ids, reviews)
        argv = [sys.executable, "-m", "interviewprep", "stats", "--json"]
        run_measured(argv, env)  # warms the bank cache
        run = best_of(3, argv, env)
        print(f"stats --json: best {run.seconds:.3f} s of 3, peak {run.peak_mib:.0f} MiB")


def katas() -> None:
    from benchmarks import bench_katas

    for track in ("numpy", "torch"):
        if track == "torch" and importlib.util.find_spec("torch") is None:
            print("\n(torch is not installed: the torch track is not measured)")
            continue
        print(f"\n## kata check ({track} track, reference solutions)")
        bench_katas.run(track)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    reviews = 100_000 if args.quick else 1_000_000
    python = sys.version.split()[0]
    print(f"# interviewprep benchmarks, {datetime.now():%Y-%m-%d %H:%M}, Python {python}")
    startup()
    study_and_stats(sizes, reviews)
    stats_cli(reviews)
    katas()


if __name__ == "__main__":
    main()
