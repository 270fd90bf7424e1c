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

from benchmarks.measure import Run, best_of, run_measured, until_on_screen


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


PTY_ENV = {"TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
FIRST_CARD_ON_SCREEN = r"Card 1 of"  # the study screen's header above the first card


def _study_home(root: Path, n: int, all_due: bool) -> tuple[dict[str, str], Path, Path]:
    """A data folder with a generated bank of n cards and a store with a state for each
    (and 10 answers per card in the log), its bank cache filled; an Anki collection of
    the same n cards, due the same way."""
    from benchmarks.anki_side import make_collection
    from benchmarks.generate import fill_store, generated_bank_text
    from interviewprep.paths import HOME_ENV, STORE_FILENAME

    home = root / f"{n}-{'due' if all_due else 'mixed'}"
    bank = home / "bank"
    bank.mkdir(parents=True)
    (bank / f"gen{n}.yaml").write_text(generated_bank_text(n), encoding="utf-8")
    fill_store(home / STORE_FILENAME, [f"gen-{i:06d}" for i in range(n)], 10 * n,
               all_due=all_due)  # fmt: skip
    env = {**os.environ, **PTY_ENV, HOME_ENV: str(home)}
    run_measured([sys.executable, "-m", "interviewprep", "cards", "--bank", str(bank)], env)
    collection = home / "anki" / "collection.anki2"
    collection.parent.mkdir()
    make_collection(collection, n, all_due=all_due)
    return env, bank, collection


def _median(runs: list[Run]) -> Run:
    ordered = sorted(runs, key=lambda r: r.seconds)
    return ordered[len(ordered) // 2]


def _median_cpu(runs: list[Run]) -> float:
    return sorted(r.cpu for r in runs)[len(runs) // 2]


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes: other work slows wall
    times (CPU seconds less so)."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def first_card_vs_anki(sizes: list[int], runs: int) -> None:
    """A fresh process until the first card is on screen, side by side with Anki's own
    library in the same run, alternating, the median of `runs` each."""
    from benchmarks.anki_side import FIRST_CARD

    print(f"\n## First card on screen, fresh process, 80x24 pty (median of {runs}, alternating)")
    print(f"load average before: {load_average()}")
    print("cards     | case  | interviewprep (min-max) | cpu | peak MiB | Anki | cpu | peak MiB "
          "| ratio")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for all_due in (True, False):
                env, bank, collection = _study_home(Path(tmp), n, all_due)
                ours = [sys.executable, "-m", "interviewprep", "study", "--bank", str(bank)]
                anki = [sys.executable, "-c", FIRST_CARD, str(collection)]
                # The first study of the day backs the store up: not what is timed.
                until_on_screen(ours, FIRST_CARD_ON_SCREEN, env)
                until_on_screen(anki, "FIRST CARD", env)
                mine: list[Run] = []
                theirs: list[Run] = []
                for _ in range(runs):
                    mine.append(until_on_screen(ours, FIRST_CARD_ON_SCREEN, env))
                    theirs.append(until_on_screen(anki, "FIRST CARD", env))
                a, b = _median(mine), _median(theirs)
                spread = f"{min(r.seconds for r in mine):.3f}-{max(r.seconds for r in mine):.3f}"
                print(
                    f"{n:>9,} | {'due' if all_due else 'mixed':<5} | {a.seconds:6.3f} s "
                    f"({spread}) | {_median_cpu(mine):.3f} s | {a.peak_mib:4.0f} | "
                    f"{b.seconds:.3f} s | {_median_cpu(theirs):.3f} s | {b.peak_mib:4.0f} | "
                    f"{a.seconds / b.seconds:.2f}x",
                    flush=True,
                )
        print(f"load average after: {load_average()}")


_STAGES = """
import json, sys, time
from pathlib import Path
start = time.process_time()
from interviewprep.cli import study_commands, study_ui  # what `study` imports
from interviewprep.app import App
imported = time.process_time()
app = App(extra_banks=[Path(sys.argv[1])])
assert app.library.cards
loaded = time.process_time()
with app.study() as session:
    opened = time.process_time()
    assert session.next_card() is not None
    first = time.process_time()
print(json.dumps([imported - start, loaded - imported, opened - loaded, first - opened]))
"""


def stages(n: int, runs: int = 5) -> None:
    """Where the first card's CPU time goes, stage by stage, each in a fresh process
    (interviewprep study's path without the terminal), medians of `runs`."""
    import json
    import subprocess

    names = ("imports", "loading the banks", "selection and session up to the first card",
             "the first card")  # fmt: skip
    print(f"\n## The first card's stages at {n:,} cards, all due (CPU seconds, median of {runs})")
    with tempfile.TemporaryDirectory() as tmp:
        env, bank, _ = _study_home(Path(tmp), n, True)
        run = [sys.executable, "-c", _STAGES, str(bank)]
        subprocess.run(run, env=env, check=True, capture_output=True)  # the day's backup
        times = [json.loads(subprocess.run(run, env=env, check=True, capture_output=True,
                                           text=True).stdout) for _ in range(runs)]  # fmt: skip
    for i, name in enumerate(names):
        print(f"{name:<45} {sorted(t[i] for t in times)[runs // 2]:.3f} s")


def session_at_scale(n: int, reviews: int) -> None:
    """In one process: each further card, the end-of-session summary; then `stats`,
    `stats --json`, `cards --json` and `validate` as fresh processes (warm cache)."""
    from benchmarks.generate import fill_store, generated_bank_text
    from interviewprep.app import App
    from interviewprep.paths import HOME_ENV, STORE_FILENAME

    print(f"\n## A session and the commands at {n:,} cards, every card due, {reviews:,} reviews")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        bank = home / "bank"
        bank.mkdir()
        (bank / f"gen{n}.yaml").write_text(generated_bank_text(n), encoding="utf-8")
        fill_store(home / STORE_FILENAME, [f"gen-{i:06d}" for i in range(n)], reviews,
                   all_due=True)  # fmt: skip
        env = {**os.environ, HOME_ENV: str(home)}
        base = [sys.executable, "-m", "interviewprep"]
        run_measured([*base, "cards", "--bank", str(bank)], env)  # fills the cache
        old_home = os.environ.get(HOME_ENV)
        os.environ[HOME_ENV] = str(home)
        try:
            app = App(home=home, extra_banks=[bank])
            with app.study() as session:
                nexts, answers = [], []
                for _ in range(50):
                    took, card = timed(session.next_card)
                    nexts.append(took)
                    if card is None:
                        break
                    answers.append(timed(lambda: session.answer(3, duration_ms=3000))[0])
                summary, _ = timed(session.summary)
        finally:
            if old_home is None:
                del os.environ[HOME_ENV]
            else:
                os.environ[HOME_ENV] = old_home
        nexts.sort()
        answers.sort()
        print(f"next card: median {nexts[len(nexts) // 2] * 1e6:.0f} µs, "
              f"max {nexts[-1] * 1e6:.0f} µs over {len(nexts)} cards; an answer recorded: "
              f"median {answers[len(answers) // 2] * 1000:.2f} ms")  # fmt: skip
        print(f"end-of-session summary: {summary:.3f} s")
        bank_arg = ["--bank", str(bank)]
        for argv in (["stats", *bank_arg], ["stats", "--json", *bank_arg],
                     ["cards", "--json", *bank_arg], ["validate", str(bank)]):  # fmt: skip
            runs = [run_measured([*base, *argv], env) for _ in range(3)]
            r = _median(runs)
            print(f"{' '.join(argv[:2]):<13} median {r.seconds:.3f} s of 3 "
                  f"({min(x.seconds for x in runs):.3f}-{max(x.seconds for x in runs):.3f}), "
                  f"cpu {_median_cpu(runs):.3f} s, peak {r.peak_mib:.0f} MiB, "
                  f"exit {r.returncode}")  # fmt: skip
        print(f"load average: {load_average()}")


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
    parser.add_argument(
        "--only", choices=["startup", "scale", "anki", "stages", "session", "stats", "katas"],
        help="run one part only",
    )  # fmt: skip
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    reviews = 100_000 if args.quick else 1_000_000
    python = sys.version.split()[0]
    print(f"# interviewprep benchmarks, {datetime.now():%Y-%m-%d %H:%M}, Python {python}")
    parts = {
        "startup": startup,
        "scale": lambda: study_and_stats(sizes, reviews),
        "anki": lambda: first_card_vs_anki([400, *sizes[1:]], 5),
        "stages": lambda: stages(sizes[-1]),
        "session": lambda: session_at_scale(sizes[-1], reviews),
        "stats": lambda: stats_cli(reviews),
        "katas": katas,
    }
    for name, part in parts.items():
        if args.only in (None, name):
            part()


if __name__ == "__main__":
    main()
